"""Webhooks: signed notifications, by reference, to partners' systems (see models.py)."""
