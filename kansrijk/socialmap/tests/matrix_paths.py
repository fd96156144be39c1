"""Authorization matrix rows for the social map's paths part; merged into the matrix test."""

ROWS: dict = {}
