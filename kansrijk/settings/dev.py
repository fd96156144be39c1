"""Development and demo: debug on, everything local."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", True)
