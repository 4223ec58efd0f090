"""Routing benchmark, (c): django-tenants' stock TenantMainMiddleware (a query per request)."""

from bench.settings_routed import *  # noqa: F403
from bench.settings_routed import MIDDLEWARE

MIDDLEWARE = [
    "django_tenants.middleware.main.TenantMainMiddleware",
    *(m for m in MIDDLEWARE if m != "portal.tenancy.middleware.UnitRoutingMiddleware"),
]
