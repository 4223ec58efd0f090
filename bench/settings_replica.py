"""Replica benchmark: every cache cold (settings_pages_cold), visitors' reads on the replica."""

import os

from bench.settings_pages_cold import *  # noqa: F403
from portal.settings.base import replica_database_config

DATABASES = {  # noqa: F405
    **DATABASES,  # noqa: F405
    "replica": replica_database_config(os.environ["PORTAL_REPLICA_DATABASE_URL"]),
}
