"""Consultations for the tests: a real DOCX draft, sections, and a citizen's form data."""

from __future__ import annotations

import datetime
import io
import time

import docx
from django.core.files.base import ContentFile
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model

from plugins.consultation.models import (
    ConsultationIndexPage,
    ConsultationPage,
    DraftFile,
    DraftSection,
)
from portal.feedback import spam
from tests.extensions.helpers import publish_child

DRAFT_LINE = "Điều 1. Phạm vi điều chỉnh của quy chế dân chủ ở cơ sở"


def draft_document(title: str = "Dự thảo quy chế"):
    buffer = io.BytesIO()
    draft = docx.Document()
    draft.add_heading("DỰ THẢO QUY CHẾ", level=0)
    draft.add_paragraph(DRAFT_LINE)
    draft.add_paragraph("Điều 2. Đối tượng áp dụng")
    draft.save(buffer)
    document = get_document_model()(title=title)
    document.file.save("du-thao.docx", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def add_consultation(network, key: str, slug: str = "du-thao-quy-che", **fields):
    """A live consultation in unit `key`, open from yesterday for a week unless told."""
    return add_consultation_in(network.units[key].schema_name, slug, **fields)


def add_consultation_in(schema_name: str, slug: str = "du-thao-quy-che", **fields):
    """A live consultation in the unit of `schema_name` (see add_consultation)."""
    now = timezone.now()
    values = {
        "title": f"Lấy ý kiến dự thảo {slug}",
        "slug": slug,
        "intro": "<p>Đề nghị góp ý dự thảo quy chế.</p>",
        "opens_at": now - datetime.timedelta(days=1),
        "closes_at": now + datetime.timedelta(days=7),
        "show_comments": True,
        **fields,
    }
    with schema_context(schema_name):
        index = ConsultationIndexPage.objects.get()
        page = ConsultationPage(**values)
        page.drafts.add(DraftFile(document=draft_document()))
        page.sections.add(DraftSection(label="Chương I", title="Những quy định chung"))
        page.sections.add(DraftSection(label="Điều 5", title="Trách nhiệm của Nhân dân"))
        return publish_child(index, page)


def sections_of(network, key: str, page) -> list[DraftSection]:
    with schema_context(network.units[key].schema_name):
        return list(DraftSection.objects.filter(page_id=page.pk).order_by("sort_order"))


def comment_data(**fields) -> dict:
    """What a citizen's browser sends: the form started a minute ago, the trap left empty."""
    return {
        "section": "",
        "text": "Đề nghị làm rõ trách nhiệm của tổ trưởng tổ dân phố.",
        "name": "Phạm Thị Thu",
        "organisation": "Chi bộ tổ dân phố 3",
        "email": "thu@example.vn",
        "phone": "",
        "website": "",
        "started": spam.start_token(time.time() - 60),
        **fields,
    }
