"""Authorization matrix rows for this part; merged into the matrix test."""

from kansrijk.testing.matrix import Row

ROWS: dict[str, Row] = {}
