"""Authorization matrix rows for monitoring's API; merged into the matrix test."""

from kansrijk.testing.matrix import Row

ROWS: dict[str, Row] = {}
