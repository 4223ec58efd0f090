"""Selects the unit (schema) from the request's host, without a query per request."""

from django.core.exceptions import DisallowedHost
from django.db import connection
from django.shortcuts import render
from django_tenants.middleware.main import TenantMainMiddleware

from .routing import known_version, normalise_host, unit_for_host
from .signals import archived_unit_requested


class UnitRoutingMiddleware(TenantMainMiddleware):
    """django-tenants' middleware with a cached lookup and proper error pages.

    An unknown host gets a 404 page; an archived unit's portal gets a 410
    notice (its data is kept, only the portal is offline).
    """

    def process_request(self, request):
        connection.set_schema_to_public()
        try:
            hostname = normalise_host(self.hostname_from_request(request))
        except DisallowedHost:
            return render(request, "portal_theme/unknown_host.html", status=400)
        unit = unit_for_host(hostname)
        if unit is None:
            return render(request, "portal_theme/unknown_host.html", {"host": hostname}, status=404)
        if not unit.is_active:
            return self._archived(request, unit)
        unit.domain_url = hostname
        # The routing token this request was routed with (sites' cache keys carry it).
        unit.routing_token = known_version() or ""
        request.tenant = unit
        connection.set_tenant(unit)
        self.setup_url_routing(request)
        return None

    @staticmethod
    def _archived(request, unit):
        for _receiver, response in archived_unit_requested.send(
            sender=type(unit), unit=unit, request=request
        ):
            if response is not None:
                return response
        return render(request, "portal_theme/archived_unit.html", {"unit": unit}, status=410)
