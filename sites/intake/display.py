"""How a document's signature is told: on its page, in the registry and in the ledger."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.publications.units import current_unit

from .models import DocumentSignature, SignatureStatus


def signature_of(page) -> DocumentSignature | None:
    """The checked signature of the document's first signed file, if any (in its unit)."""
    ids = [item.document_id for item in page.attachments.all()]
    unit = current_unit()
    if not ids or unit is None:
        return None
    found = {
        row.document_id: row
        for row in DocumentSignature.objects.filter(unit=unit, document_id__in=ids).exclude(
            status=""
        )
    }
    return next((found[pk] for pk in ids if pk in found), None)


def signature_fields(page) -> dict:
    """The ledger entry's signature fields of a document page."""
    row = signature_of(page)
    if row is None:
        return {}
    return {
        "signature_status": row.status,
        "signature_signer": row.signer,
        "signature_signed_at": row.signed_at,
    }


def notice(status: str, signer: str, signed_at) -> str:
    """The sentence citizens read; empty for a file without a signature."""
    if status == SignatureStatus.VALID:
        when = formats.date_format(timezone.localtime(signed_at), "d/m/Y H:i") if signed_at else "?"
        return _("Đã ký số bởi %(signer)s lúc %(time)s — chữ ký hợp lệ") % {
            "signer": signer,
            "time": when,
        }
    if status == SignatureStatus.TAMPERED:
        return _("Chữ ký không hợp lệ: văn bản đã bị thay đổi sau khi ký")
    if status == SignatureStatus.UNTRUSTED:
        return _("Không xác minh được nguồn chứng thư")
    return ""
