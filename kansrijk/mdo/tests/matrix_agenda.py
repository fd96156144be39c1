"""Authorization matrix rows for the MDO (agenda); merged into the matrix test."""

ROWS: dict = {}
