"""Authorization matrix rows for the social map's api part; merged into the matrix test."""

ROWS: dict = {}
