"""The test suite: real PostgreSQL (embedded unless DATABASE_URL), fast hashing."""

import os

from .base import *  # noqa: F403
from .base import database_config

DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_MIGRATION_WORKERS = 2
# Tests fill the pool themselves (tests/tenancy/test_schema_pool.py); no stray
# threads holding connections to the test database.
PORTAL_SCHEMA_POOL_SIZE = 0
PORTAL_SCHEMA_POOL_BACKGROUND_REFILL = False
PORTAL_SERVE_MEDIA = True  # the media view, as in development
# Parallel runs against one server (several developers, CI jobs) each need their own database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("PORTAL_TEST_DB", "test_portal")}

# The test suite's own plugin (the worked example of docs/plugins.md).
PORTAL_PLUGIN_APPS = [*PORTAL_PLUGIN_APPS, "tests.extensions.dummy"]  # noqa: F405
TENANT_APPS = [*TENANT_APPS, "tests.extensions.dummy"]  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "tests.extensions.dummy"]  # noqa: F405

# The real Elasticsearch node of `make test` (tests start it if it does not answer); one index
# alias per test database, so parallel runs never share documents. Searches default to PostgreSQL.
ELASTICSEARCH_URL = os.environ.get("PORTAL_ELASTICSEARCH_URL", "http://127.0.0.1:9201")
PORTAL_SEARCH_ENGINE = "postgres"
PORTAL_SEARCH_INDEX = f"{DATABASES['default']['TEST']['NAME']}-publications".lower()
# The shared node on a busy test machine may take seconds to answer a search; the hung-node
# test (tests/search/elastic/test_hung_node.py) sets the production-like bound itself.
PORTAL_ELASTICSEARCH_TIMEOUT = 10
