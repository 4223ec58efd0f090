"""Settings of the benchmark runs: the portal's own, on the benchmark database."""

from bench import database
from portal.settings.base import *  # noqa: F403
from portal.settings.base import database_config

DEBUG = False
DATABASES = {"default": database_config(database.url())}
