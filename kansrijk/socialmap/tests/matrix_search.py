"""Authorization matrix rows for the social map's search part; merged into the matrix test."""

ROWS: dict = {}
