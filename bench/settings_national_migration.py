"""The national bench's real migration: the portal (page cache off) plus its bench-only page app.

Only `python -m bench national` uses these settings (for migrate_schemas and
the gunicorn that serves a unit's page meanwhile); every other run lacks the
app, so its tables never outlive the bench.
"""

from bench.settings_pages_uncached import *  # noqa: F403
from bench.settings_pages_uncached import INSTALLED_APPS, TENANT_APPS

NATIONAL_PAGES_APP = "bench.national_pages"
TENANT_APPS = [*TENANT_APPS, NATIONAL_PAGES_APP]
INSTALLED_APPS = [*INSTALLED_APPS, NATIONAL_PAGES_APP]
