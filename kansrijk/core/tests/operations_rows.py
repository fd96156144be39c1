"""Failed tasks and mails for the tests of the faults page (kansrijk/testing/operations.py)."""

from kansrijk.testing.operations import failed_mail, failed_task

__all__ = ["failed_mail", "failed_task"]
