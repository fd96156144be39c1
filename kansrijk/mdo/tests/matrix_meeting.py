"""Authorization matrix rows for the MDO (meeting); merged into the matrix test."""

ROWS: dict = {}
