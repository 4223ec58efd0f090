"""Attached files are read by the background worker, never while publishing."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django_tenants.utils import schema_context
from wagtail.documents.models import Document

from portal.publications.models import Publication
from search.attachment_queue import _extract, extract_pending
from search.attachments import AttachmentText
from search.models import SearchEntry
from sites.models import DocumentAttachment, DocumentPage

from ..publications.pages import add_document, entry
from .elastic.files import text_pdf
from .test_publishing import api_titles

pytestmark = pytest.mark.django_db

PHRASE = "Phương án di dời dân cư vùng sạt lở đất"


def attach(number: str, content: bytes) -> DocumentPage:
    pdf = Document.objects.create(
        title="Toàn văn", file=ContentFile(content, name=f"{number[:2]}.pdf")
    )
    return add_document(number, attachments=[DocumentAttachment(document=pdf, title="Toàn văn")])


def pending(row: Publication) -> bool:
    return SearchEntry.objects.get(publication=row).attachments_pending


def test_publishing_returns_before_the_files_are_read_and_the_worker_makes_them_searchable(
    network, media_root, settings, django_capture_on_commit_callbacks
):
    district_a, district_b = network.unit("district_a"), network.unit("district_b")
    content = text_pdf(PHRASE, "Ủy ban nhân dân huyện")
    with django_capture_on_commit_callbacks(execute=True):
        with schema_context(district_a.schema_name):
            page_a = attach("31-PA/HU", content)
        with schema_context(district_b.schema_name):
            page_b = attach("32-PA/HU", content)
    rows = [entry(district_a, page_a), entry(district_b, page_b)]
    # Published, even after every on-commit hook ran: nothing read yet, both rows wait for
    # the worker.
    assert not AttachmentText.objects.filter(text__contains="sạt lở").exists()
    assert all(pending(row) for row in rows)
    assert api_titles(network, "district_a", "di doi dan cu sat lo") == []

    settings.PORTAL_PERIODIC_COMMANDS = [
        entry_
        for entry_ in settings.PORTAL_PERIODIC_COMMANDS
        if entry_["command"][0] == "search_attachments"
    ]
    call_command("run_periodic", "--once")

    assert not any(pending(row) for row in rows)
    assert AttachmentText.objects.filter(text__contains="sạt lở").count() == 1  # read once
    assert api_titles(network, "district_a", "di doi dan cu sat lo") == ["Báo cáo số 31-PA/HU"]
    assert api_titles(network, "district_b", "di doi dan cu sat lo") == ["Báo cáo số 32-PA/HU"]
    assert sorted(api_titles(network, "province", "sạt lở", scope="subtree")) == [
        "Báo cáo số 31-PA/HU",
        "Báo cáo số 32-PA/HU",
    ]
    # The Elasticsearch outbox gets the rows again, now with their text.
    assert all(Publication.objects.get(pk=row.pk).index_pending for row in rows)


def test_a_row_written_again_while_its_files_are_read_stays_marked(network, media_root):
    district_a = network.unit("district_a")
    with schema_context(district_a.schema_name):
        page = attach("33-PA/HU", text_pdf("Kế hoạch trồng rừng phòng hộ đầu nguồn"))
    stale = Publication.objects.select_related("unit").get(pk=entry(district_a, page).pk)
    with schema_context(district_a.schema_name):
        page.title = "Kế hoạch trồng rừng (bản sửa)"
        page.save_revision().publish()
    assert _extract(stale) == "changed"
    assert pending(stale)
    assert api_titles(network, "district_a", "trong rung phong ho") == []
    report = extract_pending()
    assert (report.stored, report.changed, report.failed) == (1, 0, 0)
    assert api_titles(network, "district_a", "trong rung phong ho") == [
        "Kế hoạch trồng rừng (bản sửa)"
    ]
    assert api_titles(network, "district_b", "trong rung phong ho", scope="portal") == []


def test_files_removed_from_a_page_stop_being_searched(network, media_root):
    district_b = network.unit("district_b")
    with schema_context(district_b.schema_name):
        page = attach("34-PA/HU", text_pdf("Đề án bảo tồn cây chè cổ thụ"))
    extract_pending()
    assert api_titles(network, "district_b", "che co thu") == ["Báo cáo số 34-PA/HU"]
    with schema_context(district_b.schema_name):
        page.attachments = []
        page.save_revision().publish()
    row = entry(district_b, page)
    assert pending(row)
    extract_pending()
    assert api_titles(network, "district_b", "che co thu") == []
    # The page itself is still found by its number.
    assert api_titles(network, "district_b", "34-PA/HU") == ["Báo cáo số 34-PA/HU"]
