"""Selects the unit (schema) from the request's host, without a query per request."""

from django.core.exceptions import DisallowedHost
from django.db import connection
from django.shortcuts import render

from .routing import known_version, normalise_host, unit_for_host
from .signals import archived_unit_requested

WWW = "www."


def hostname_of(request) -> str:
    """The request's host as domains are stored: validated (ALLOWED_HOSTS), without port or
    "www." (as django-tenants' TenantMainMiddleware reads it)."""
    hostname = normalise_host(request.get_host().split(":")[0])
    return hostname[len(WWW) :] if hostname.startswith(WWW) else hostname


class UnitRoutingMiddleware:
    """Routes each request to its unit's schema, in place of django-tenants' TenantMainMiddleware.

    The lookup is cached (portal.tenancy.routing), not a query per request. An
    unknown host gets a 404 page; an archived unit's portal gets a 410 notice
    (its data is kept, only the portal is offline). A plain middleware, not
    MiddlewareMixin's process_request: one layer of dispatch less at every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # One schema switch per request: the unit's. The lookup reads the public schema
        # itself, only when it must (portal.tenancy.routing).
        try:
            hostname = hostname_of(request)
        except DisallowedHost:
            connection.set_schema_to_public()
            return render(request, "portal_theme/unknown_host.html", status=400)
        unit = unit_for_host(hostname)
        if unit is None:
            connection.set_schema_to_public()
            return render(request, "portal_theme/unknown_host.html", {"host": hostname}, status=404)
        if not unit.is_active:
            connection.set_schema_to_public()
            return self._archived(request, unit)
        unit.domain_url = hostname
        # The routing token this request was routed with (sites' cache keys carry it).
        unit.routing_token = known_version() or ""
        request.tenant = unit
        connection.set_tenant(unit)
        # No setup_url_routing(): it only matters for the public schema's own URLconf
        # (PUBLIC_SCHEMA_URLCONF) or several tenant types, neither of which the portal has.
        return self.get_response(request)

    @staticmethod
    def _archived(request, unit):
        for _receiver, response in archived_unit_requested.send(
            sender=type(unit), unit=unit, request=request
        ):
            if response is not None:
                return response
        return render(request, "portal_theme/archived_unit.html", {"unit": unit}, status=410)
