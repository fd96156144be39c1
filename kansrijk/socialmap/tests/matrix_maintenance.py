"""Authorization matrix rows for the social map's maintenance part; merged into the matrix test."""

ROWS: dict = {}
