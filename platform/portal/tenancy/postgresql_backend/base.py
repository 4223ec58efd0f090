"""django-tenants' PostgreSQL backend, without emptying the content-type cache at each switch.

The cache is kept per schema instead (portal.tenancy.content_types).
"""

from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper

from ..content_types import schema_switch


class DatabaseWrapper(TenantDatabaseWrapper):
    def set_tenant(self, tenant, include_public=True):
        with schema_switch():
            super().set_tenant(tenant, include_public)
