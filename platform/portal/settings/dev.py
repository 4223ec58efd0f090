"""Local development: `make run`. Embedded PostgreSQL unless DATABASE_URL is set."""

import os

from .base import *  # noqa: F403
from .base import database_config

DEBUG = True
DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
