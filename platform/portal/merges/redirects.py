"""Old addresses of merged units answer with a permanent redirect to the survivor's portal.

The merged unit keeps its Domain rows (routing finds it, cached); this
middleware, placed before `UnitRoutingMiddleware`, answers for the hosts of a
merged (archived) unit: a known old path goes to its new path on the
survivor's primary domain, any other path to the survivor's home.
"""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpResponsePermanentRedirect

from portal.tenancy.addresses import portal_url
from portal.tenancy.routing import unit_for_host

from .models import MergedUnit, MergeRedirect


def new_path_for(merged: MergedUnit, path: str) -> str:
    """Where `path` of the merged unit's portal lives on the survivor's portal."""
    candidates = [path] if path.endswith("/") else [path, path + "/"]
    found = (
        MergeRedirect.objects.filter(merged=merged, old_path__in=candidates)
        .values_list("new_path", flat=True)
        .first()
    )
    return found or "/"


class MergedUnitRedirectMiddleware:
    """301 from every address of a merged unit to the matching address of its survivor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host().split(":")[0].lower()
        except DisallowedHost:
            return self.get_response(request)
        connection.set_schema_to_public()
        unit = unit_for_host(host)
        if unit is None or unit.is_active:
            return self.get_response(request)
        merged = MergedUnit.objects.select_related("survivor").filter(unit_id=unit.pk).first()
        domain = merged.survivor.primary_domain() if merged else None
        if domain is None:
            return self.get_response(request)
        # Only stored paths (or "/") follow the survivor's domain: nothing from the request.
        target = portal_url(domain, request).rstrip("/") + new_path_for(merged, request.path)
        return HttpResponsePermanentRedirect(target)
