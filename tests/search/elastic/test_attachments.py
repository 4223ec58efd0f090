"""Text of attached files: PDF and DOCX read, scans OCR'd, cached once per content, searchable."""

from __future__ import annotations

import logging
import shutil

import pytest
from django.core.files.base import ContentFile
from django_tenants.utils import schema_context
from wagtail.documents.models import Document

from search.attachment_queue import extract_pending
from search.attachments import (
    AttachmentText,
    ExtractionMethod,
    extract,
    ocr_missing,
    text_for_publication,
)
from search.elastic.indexer import drain
from search.text import fold
from sites.models import DocumentAttachment

from ...publications.pages import add_document, entry
from .files import docx_file, scanned_pdf, text_pdf
from .helpers import refresh, search, titles

pytestmark = pytest.mark.django_db


def test_a_pdf_text_layer_is_read_in_nfc():
    text, method = extract(text_pdf("Quy hoạch vùng chè Shan tuyết", "Đề án phát triển"), "a.pdf")
    assert method == ExtractionMethod.TEXT
    assert "Quy hoạch vùng chè Shan tuyết" in text and "Đề án phát triển" in text


def test_a_docx_is_read_with_its_tables():
    text, method = extract(
        docx_file("Nội dung chính của tờ trình.", ("HUYỆN ỦY NÚI ĐỎ", "Số 15-TTr/HU")), "b.docx"
    )
    assert method == ExtractionMethod.TEXT
    assert text.split("\n") == ["HUYỆN ỦY NÚI ĐỎ", "Số 15-TTr/HU", "Nội dung chính của tờ trình."]


def test_a_broken_file_is_logged_and_yields_no_text(caplog):
    with caplog.at_level(logging.WARNING, logger="search.attachments"):
        assert extract(b"%PDF-1.4 broken", "hong.pdf") == ("", ExtractionMethod.NONE)
    assert "hong.pdf could not be read" in caplog.text


def test_a_scan_is_read_with_vietnamese_ocr(caplog):
    assert ocr_missing() == "", (
        "make test installs tesseract-ocr, tesseract-ocr-vie and poppler-utils"
    )
    with caplog.at_level(logging.INFO, logger="search.attachments"):
        text, method = extract(
            scanned_pdf("THÔNG BÁO KẾT LUẬN", "Hội nghị Ban Thường vụ"), "scan.pdf"
        )
    assert method == ExtractionMethod.OCR
    assert "reading it with OCR" in caplog.text
    assert "thong bao ket luan" in fold(text) and "hoi nghi ban thuong vu" in fold(text)


def test_without_tesseract_the_log_says_ocr_was_skipped(caplog, monkeypatch, tmp_path):
    # A PATH without tesseract: the machine as it is where OCR was never installed.
    (tmp_path / "pdftoppm").symlink_to(shutil.which("pdftoppm"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="search.attachments"):
        text, method = extract(scanned_pdf("THÔNG BÁO"), "scan.pdf")
    assert (text.strip(), method) == ("", ExtractionMethod.NONE)
    assert "OCR skipped because tesseract-ocr is not installed" in caplog.text


def test_attachments_are_searchable_and_read_once_per_content(es_index, media_root, network):
    district_a, district_b = network.unit("district_a"), network.unit("district_b")
    content = text_pdf("Phương án phòng chống lũ quét mùa mưa bão")
    pages = {}
    for unit, number in ((district_a, "21-PA/HU"), (district_b, "22-PA/HU")):
        with schema_context(unit.schema_name):
            pdf = Document.objects.create(
                title="Toàn văn", file=ContentFile(content, name="phuong-an.pdf")
            )
            pages[unit.pk] = add_document(
                number, attachments=[DocumentAttachment(document=pdf, title="Toàn văn")]
            )
    row_a = entry(district_a, pages[district_a.pk])
    assert "lũ quét" in text_for_publication(row_a)
    assert "lũ quét" in text_for_publication(entry(district_b, pages[district_b.pk]))
    assert AttachmentText.objects.filter(text__contains="lũ quét").count() == 1
    extract_pending()  # the background worker stores the text; the outbox takes it from there
    drain()
    refresh()
    results = search("phong chong lu quet", district_a)
    assert sorted(hit.doc_number for hit in results.hits) == ["21-PA/HU", "22-PA/HU"]
    assert "<mark>" in results.hits[0].snippet
    assert titles(search("lũ quét", district_a, "portal")) == [pages[district_a.pk].title]
