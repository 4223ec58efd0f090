"""Per-unit template overrides: a unit may replace one template of the theme.

The filesystem loader of django-tenants looks in MULTITENANT_TEMPLATE_DIRS
(`var/unit-templates/<schema>/`) before the apps' templates. Its cached
loader, though, keys the cache by schema only when `connection.tenant` is a
real Unit: inside `schema_context()` (tasks, commands, e-mails) the tenant is
a FakeTenant and every unit would then share one cached copy, overrides
included. This loader keys by the connection's schema name whenever the unit
has overrides of its own; units without any share one compiled copy.
"""

import os

from django.conf import settings
from django.db import connection
from django.template.loaders.base import Loader as UncachedLoader
from django.template.loaders.cached import Loader as CachedLoader


class Loader(CachedLoader):
    """Django's cached loader, with one cache per schema, and no cache when debugging.

    Django's autoreloader only resets cached templates under the folders it
    knows at startup, i.e. the public schema's; in development a unit's
    override must show as soon as it is saved, so DEBUG skips the cache.
    """

    def get_template(self, template_name, skip=None):
        if self.engine.debug:
            return UncachedLoader.get_template(self, template_name, skip)
        return super().get_template(template_name, skip)

    def cache_key(self, template_name, skip=None):
        key = super().cache_key(template_name, skip)
        schema = connection.schema_name
        return f"{schema}:{key}" if self._has_overrides(schema) else key

    def _has_overrides(self, schema: str) -> bool:
        """Whether the unit has a folder of its own templates: only such a unit needs its
        own compiled copies; every other shares one, compiled once per process rather than
        once per unit. Looked at once per process and unit: overrides are put in place by
        the operator, then the server restarted."""
        found = self.__dict__.setdefault("_overrides", {})
        if schema not in found:
            found[schema] = any(
                os.path.isdir(folder % schema if "%s" in folder else os.path.join(folder, schema))
                for folder in settings.MULTITENANT_TEMPLATE_DIRS
            )
        return found[schema]
