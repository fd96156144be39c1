"""Indicators of the chain group (see the package's docstring); each registers itself."""
