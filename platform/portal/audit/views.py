"""The audit log in the admin ("Nhật ký quản trị"): read-only, network administrators only."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django_tenants.utils import get_public_schema_name, schema_context

from portal.accounts import access

from . import actions
from .filters import AuditFilterForm
from .models import AuditEntry

ENTRIES_PER_PAGE = 50


def audit_log(request):
    access.require(request, access.ADMINISTER_NETWORK)
    form = AuditFilterForm(request.GET or None)
    with schema_context(get_public_schema_name()):
        entries = Paginator(form.apply(AuditEntry.objects.all()), ENTRIES_PER_PAGE)
        page = entries.get_page(request.GET.get("p"))
        rows = [(entry, actions.LABELS.get(entry.action, entry.action)) for entry in page]
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "portal_audit/log.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )
