"""Issuing, finding and revoking the units' intake tokens; each change is audited."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from portal.audit import actions
from portal.audit.log import record

from .models import IntakeToken

# Recognisable in logs and secret scanners; the rest is 256 random bits.
TOKEN_START = "pvb_"
_PREFIX_LENGTH = len(TOKEN_START) + 6


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create(unit, name: str, *, created_by=None, request=None) -> tuple[IntakeToken, str]:
    """A new token of `unit` and its secret, which is never stored and cannot be shown again."""
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = IntakeToken.objects.create(
        unit=unit,
        name=name,
        token_hash=digest(secret),
        prefix=secret[:_PREFIX_LENGTH],
        created_by=created_by,
    )
    record(
        actions.INTAKE_TOKEN_CREATED,
        unit=unit,
        target=str(token),
        details={"token": token.pk},
        request=request,
    )
    return token, secret


@transaction.atomic
def revoke(token: IntakeToken, *, request=None) -> bool:
    """Revoke `token`; False if it already was."""
    updated = IntakeToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        record(
            actions.INTAKE_TOKEN_REVOKED,
            unit=token.unit,
            target=str(token),
            details={"token": token.pk},
            request=request,
        )
    return bool(updated)


def active_token(secret: str, unit) -> IntakeToken | None:
    """The unrevoked token of `unit` whose secret is `secret`, else None."""
    if not secret.startswith(TOKEN_START):
        return None
    return (
        IntakeToken.objects.select_related("unit")
        .filter(token_hash=digest(secret), unit=unit, revoked_at__isnull=True)
        .first()
    )


def used(token: IntakeToken, action: str, details: dict, *, request=None) -> None:
    """Record one use of `token` (what it did and the answer) and when it was last used."""
    IntakeToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    record(
        actions.INTAKE_TOKEN_USED,
        unit=token.unit,
        target=str(token),
        details={"token": token.pk, "action": action, **details},
        request=request,
    )
