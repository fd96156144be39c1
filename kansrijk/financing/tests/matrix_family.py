"""Authorization matrix rows for financing's family part; merged into the matrix test."""

from kansrijk.testing.matrix import Row

ROWS: dict[str, Row] = {}
