"""The checklist in the admin: a unit's own dashboard and the network at a glance."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django_tenants.utils import schema_context

from portal.accounts import access
from portal.tenancy.addresses import portal_url
from portal.tenancy.models import Unit

from .checks import MISSING, PRESENT, STALE, checklist

UNITS_PER_PAGE = 50


def unit_checklist(request):
    access.require(request, access.READ_UNIT_REPORT)
    items = checklist()
    return render(
        request,
        "portal_compliance/unit.html",
        {"items": items, "counts": _counts(items), "unit": request.tenant},
    )


def network_checklist(request):
    access.require(request, access.READ_NETWORK_REPORT)
    units = Paginator(
        Unit.objects.filter(status="active").order_by("path"), UNITS_PER_PAGE
    ).get_page(request.GET.get("p"))
    rows = []
    for unit in units:
        with schema_context(unit.schema_name):
            items = checklist()
        domain = unit.primary_domain()
        admin = f"{portal_url(domain, request)}admin/tuan-thu/" if domain else None
        rows.append({"unit": unit, "items": items, "counts": _counts(items), "admin": admin})
    labels = [item.label for item in rows[0]["items"]] if rows else []
    return render(
        request, "portal_compliance/network.html", {"rows": rows, "labels": labels, "units": units}
    )


def _counts(items) -> dict[str, int]:
    return {
        status: sum(1 for item in items if item.status == status)
        for status in (PRESENT, MISSING, STALE)
    }
