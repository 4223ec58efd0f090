"""Old addresses of merged units answer with a permanent redirect to the survivor's portal.

The merged unit keeps its Domain rows (routing finds it, cached). Routing
asks `archived_unit_requested` before showing an archived unit's notice; for a
merged unit this receiver answers instead: a known old path goes to its new
path on the survivor's primary domain, any other path to the survivor's home.
Active units never reach it, so ordinary requests pay nothing for merges.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect

from portal.tenancy.addresses import portal_url

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


def redirect_merged_unit(sender, unit, request, **kwargs):
    """Receiver of `archived_unit_requested`: a merged unit's address goes to its survivor."""
    merged = MergedUnit.objects.select_related("survivor").filter(unit_id=unit.pk).first()
    domain = merged.survivor.primary_domain() if merged else None
    if domain is None:
        return None
    # Only stored paths (or "/") follow the survivor's domain: nothing from the request.
    target = portal_url(domain, request).rstrip("/") + new_path_for(merged, request.path)
    return HttpResponsePermanentRedirect(target)
