"""`record(...)`: add one entry to the audit log.

The actor and address come from the request being served (set by
AuditContextMiddleware) unless given; outside a request (management commands)
the actor is the operating-system account running the command.
"""

from __future__ import annotations

import getpass
from contextvars import ContextVar

from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_context

from portal.clients import client_address

current_request: ContextVar = ContextVar("portal_audit_request", default=None)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for this uid (containers)
        return "uid-unknown"


def _actor_from_request(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user, user.get_username(), client_address(request) or None
    return None, "anonymous", client_address(request) or None


def record(
    action: str,
    *,
    unit=None,
    target: str = "",
    details: dict | None = None,
    actor=None,
    request=None,
):
    """Append an entry; returns it. `unit` is a Unit (or None for network-wide actions)."""
    from .models import AuditEntry

    request = request if request is not None else current_request.get()
    ip_address = None
    if actor is not None:
        actor_name = actor.get_username()
    elif request is not None:
        actor, actor_name, ip_address = _actor_from_request(request)
    else:
        actor_name = f"os:{_os_user()}"
    if request is not None and ip_address is None:
        ip_address = _actor_from_request(request)[2]
    with schema_context(get_public_schema_name()):
        return AuditEntry.objects.create(
            actor=actor,
            actor_name=actor_name[:255],
            ip_address=ip_address,
            action=action,
            unit_code=getattr(unit, "code", "") or "",
            unit_name=getattr(unit, "name", "") or "",
            target=str(target)[:255],
            details=details or {},
        )


def unit_of_current_schema():
    """The Unit whose schema the connection is in, or None (public schema)."""
    from portal.tenancy.models import Unit

    schema = connection.schema_name
    if schema == get_public_schema_name():
        return None
    with schema_context(get_public_schema_name()):
        return Unit.objects.filter(schema_name=schema).first()


class AuditContextMiddleware:
    """Makes the request being served known to `record` (its user and address)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
