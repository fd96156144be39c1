"""Authorization matrix rows for the social map's referrals part; merged into the matrix test."""

ROWS: dict = {}
