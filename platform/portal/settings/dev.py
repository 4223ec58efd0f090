"""Local development: `make run`. Embedded PostgreSQL unless DATABASE_URL is set."""

import os

from .base import *  # noqa: F403
from .base import databases

# PORTAL_DEV_DEBUG=false: pages as visitors get them (the themed 404, no debug pages), as
# `make screenshots` and `make quality` serve them (with `runserver --insecure` for static files).
DEBUG = os.environ.get("PORTAL_DEV_DEBUG", "true").lower() != "false"
PORTAL_SERVE_MEDIA = True  # the media view (sites.file_views), with or without DEBUG
DATABASES = databases(os.environ.get("DATABASE_URL"))
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
