"""The unit the ledger writes for, and the base of its absolute URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

from portal.tenancy.models import Unit


def current_unit() -> Unit | None:
    """The unit whose schema the connection uses, or None (public or template schema)."""
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Unit):
        return tenant
    return Unit.objects.filter(schema_name=connection.schema_name).first()


def base_url(unit: Unit) -> str | None:
    """`scheme://primary-domain[:port]` of the unit's portal, or None if it has no domain.

    Every portal is served by the same deployment as the admin, so the scheme
    and port are those of WAGTAILADMIN_BASE_URL; the host is the unit's primary
    domain, which routing treats as authoritative.
    """
    domain = unit.primary_domain()
    if not domain:
        return None
    admin = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = f":{admin.port}" if admin.port else ""
    return f"{admin.scheme or 'https'}://{domain}{port}"
