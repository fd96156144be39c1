"""Settings: one base module driven by environment variables, thin overlays per environment."""
