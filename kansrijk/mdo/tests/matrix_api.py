"""Authorization matrix rows for the MDO (api); merged into the matrix test."""

ROWS: dict = {}
