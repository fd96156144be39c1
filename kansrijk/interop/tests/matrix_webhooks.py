"""Authorization matrix rows for the webhook pages; merged into the matrix test."""

from kansrijk.testing.matrix import Row

ROWS: dict[str, Row] = {}
