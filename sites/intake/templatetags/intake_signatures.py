"""`{% document_signature page %}`: the signature notice of a document (nothing if unsigned)."""

from django import template

from ..display import notice, signature_of

register = template.Library()


@register.inclusion_tag("portal_intake/signature_notice.html")
def document_signature(page):
    row = signature_of(page)
    if row is None:
        return {"text": "", "status": ""}
    return {"text": notice(row.status, row.signer, row.signed_at), "status": row.status}
