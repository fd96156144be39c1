"""Authorization matrix rows for financing's business part; merged into the matrix test."""

from kansrijk.testing.matrix import Row

ROWS: dict[str, Row] = {}
