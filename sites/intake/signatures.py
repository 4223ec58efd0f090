"""Reading and validating the digital signatures embedded in a PDF (pyHanko).

Offline by design: no certificate or revocation list is fetched, and only the
network's own trust store counts (never the operating system's list).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import BinaryIO

from asn1crypto import x509

from .models import SignatureStatus

# pyHanko is imported where used: only the worker and the trust store need it, and
# its import (with cryptography's DSA deprecation warning) would otherwise come with
# every process that loads the admin's hooks.

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    """What a file's signatures say; `status` is blank when there is none."""

    status: str = ""
    signer: str = ""
    signed_at: datetime.datetime | None = None


UNSIGNED = Finding()
# From best to worst: a file is as good as its worst signature.
_RANK = [SignatureStatus.VALID, SignatureStatus.UNTRUSTED, SignatureStatus.TAMPERED]


def examine(source: BinaryIO, trust_roots: list[x509.Certificate]) -> Finding:
    """The signatures of the PDF in `source` checked against `trust_roots`.

    A file that is no PDF, or that pyHanko cannot parse, counts as unsigned.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    if source.read(5) != b"%PDF-":
        return UNSIGNED
    source.seek(0)
    try:
        signatures = PdfFileReader(source, strict=False).embedded_signatures
    except Exception:  # damaged PDFs raise many kinds of errors; they carry no signature
        logger.warning("PDF could not be read for signatures.", exc_info=True)
        return UNSIGNED
    if not signatures:
        return UNSIGNED
    context = ValidationContext(trust_roots=trust_roots, allow_fetching=False)
    statuses = [_status(signature, context) for signature in signatures]
    first = signatures[0]
    return Finding(
        status=max(statuses, key=_RANK.index),
        signer=_subject_name(first.signer_cert),
        signed_at=first.self_reported_timestamp,
    )


def _status(signature, context) -> str:
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        result = validate_pdf_signature(signature, context)
    except Exception:  # a malformed signature dictionary proves nothing
        logger.warning("Signature could not be validated.", exc_info=True)
        return SignatureStatus.TAMPERED
    if not (result.intact and result.valid):
        return SignatureStatus.TAMPERED
    if not _only_allowed_changes(result):
        return SignatureStatus.TAMPERED
    return SignatureStatus.VALID if result.trusted else SignatureStatus.UNTRUSTED


def _only_allowed_changes(result) -> bool:
    """No change after signing but those a signed PDF may receive (later signatures, forms)."""
    return result.docmdp_ok is not False


def _subject_name(certificate) -> str:
    """ "Nguyễn Văn A, Huyện ủy Tam Giang": the certificate's CN and O."""
    if certificate is None:
        return ""
    subject = certificate.subject.native
    parts = [subject.get("common_name", ""), subject.get("organization_name", "")]
    return ", ".join(str(part) for part in parts if part)[:300]


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """The certificates in PEM (one or several) or DER bytes; ValueError if there are none."""
    from pyhanko.keys.pemder import load_certs_from_pemder_data

    try:
        certificates = list(load_certs_from_pemder_data(data))
    except Exception as error:  # asn1crypto's parse errors are of many kinds
        raise ValueError(str(error)) from error
    if not certificates:
        raise ValueError("no certificate")
    return certificates
