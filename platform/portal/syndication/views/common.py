"""What every syndication admin screen checks: a unit's portal, and an editor of that unit."""

from __future__ import annotations

from functools import wraps

from django.http import Http404

from portal.accounts import access
from portal.tenancy.models import Unit


def editor_required(view):
    """Pass the acting unit to `view`; 403 for anyone who does not edit for it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        unit = getattr(request, "tenant", None)
        if not isinstance(unit, Unit):
            raise Http404
        access.require(request, access.SYNDICATE)
        return view(request, unit, *args, **kwargs)

    return wrapper
