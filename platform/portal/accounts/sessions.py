"""A session belongs to the unit whose host it was made on.

The session store is shared by every unit, so without this a cookie made on
one portal (a network administrator's, with its verified second factor) would
open another portal's admin when replayed with that portal's Host. Each
session records its unit; on another unit's host it is set aside for the
request, which starts with an empty session of its own (signed out there),
and the original session is left untouched for its own host.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser

UNIT_KEY = "_portal_unit"


def bind(session, unit) -> None:
    """Record in `session` that it belongs to `unit`."""
    session[UNIT_KEY] = unit.schema_name


def _belongs_elsewhere(session, unit) -> bool:
    bound = session.get(UNIT_KEY)
    if bound is None:
        # Unbound sessions predate this rule; a signed-in one is never trusted.
        return SESSION_KEY in session
    return bound != unit.schema_name


class UnitSessionMiddleware:
    """Right after authentication: another unit's session counts for nothing here.

    Runs before django_otp's middleware, so a second factor verified on one
    portal is not carried to another either.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore

    def __call__(self, request):
        unit = getattr(request, "tenant", None)
        if unit is None:  # no unit routed: Django serving one site (the routing bench's baseline)
            return self.get_response(request)
        # Visitors without a session cookie are not asked (reading the session adds Vary: Cookie).
        has_cookie = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_cookie and _belongs_elsewhere(request.session, unit):
            request.session = self.session_store()
            request.user = AnonymousUser()
        response = self.get_response(request)
        session = request.session
        if (has_cookie or session.modified) and not session.is_empty() and UNIT_KEY not in session:
            bind(session, unit)
        return response
