"""The network's trust store: adding or removing a root has every signed file checked again."""

from __future__ import annotations

import hashlib

from asn1crypto import pem, x509
from django.db import transaction

from portal.audit import actions
from portal.audit.log import record

from .models import DocumentSignature, TrustRoot
from .signatures import load_certificates


def roots() -> list[x509.Certificate]:
    return [load_certificates(root.pem.encode())[0] for root in TrustRoot.objects.all()]


@transaction.atomic
def add(data: bytes, *, request=None) -> list[TrustRoot]:
    """Add the certificates in `data` (PEM or DER); those already trusted are left as they are.

    Raises ValueError when `data` holds no certificate.
    """
    added = []
    for certificate in load_certificates(data):
        fingerprint = hashlib.sha256(certificate.dump()).hexdigest()
        root, created = TrustRoot.objects.get_or_create(
            fingerprint=fingerprint,
            defaults={
                "subject": certificate.subject.human_friendly[:500],
                "pem": pem.armor("CERTIFICATE", certificate.dump()).decode(),
                "not_after": certificate["tbs_certificate"]["validity"]["not_after"].native,
            },
        )
        if created:
            added.append(root)
            record(
                actions.TRUST_ROOT_ADDED,
                target=root.subject,
                details={"fingerprint": fingerprint},
                request=request,
            )
    if added:
        revalidate()
    return added


@transaction.atomic
def remove(root: TrustRoot, *, request=None) -> None:
    record(
        actions.TRUST_ROOT_REMOVED,
        target=root.subject,
        details={"fingerprint": root.fingerprint},
        request=request,
    )
    root.delete()
    revalidate()


def revalidate() -> int:
    """Mark every signed file for the worker; returns how many."""
    return DocumentSignature.objects.exclude(status="").mark()
