"""Indicators of the signaling group (see the package's docstring); each registers itself."""
