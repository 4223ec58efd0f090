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
    """`scheme://primary-domain` of the unit's portal, or None if it has no domain.

    The address the ledger stores: the unit's configured domain on the default
    port, with the deployment's scheme (that of WAGTAILADMIN_BASE_URL). Pages
    show it rebased on the visitor's request (`portal.tenancy.addresses.seen_from`),
    so no port is ever fixed in a link.
    """
    domain = unit.primary_domain()
    if not domain:
        return None
    return f"{urlsplit(settings.WAGTAILADMIN_BASE_URL).scheme or 'https'}://{domain}"
