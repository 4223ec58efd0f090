"""What sites puts in the ledger for documents and article images; classified documents never."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django_tenants.utils import schema_context
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from portal.publications.ledger import UnitLedger
from portal.publications.models import PublicationStatus
from sites.ledger import document_entry
from sites.models import Confidentiality, DocumentAttachment, DocumentPage

from .pages import add_article, add_document, entry, news, portal_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    """Files in tmp_path. django-tenants' storage caches its root past a MEDIA_ROOT
    change, so drop that cache on the way in and out."""
    storage = storages["default"]
    storage.__dict__.pop("relative_media_root", None)
    settings.MEDIA_ROOT = tmp_path
    yield tmp_path
    storage.__dict__.pop("relative_media_root", None)


def test_document_entry_carries_its_metadata_and_files(network, media_root):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        pdf = Document.objects.create(
            title="Toàn văn", file=ContentFile(b"%PDF-1.4", name="bao-cao-12.pdf")
        )
        document = add_document(
            "12-BC/HU",
            attachments=[DocumentAttachment(document=pdf, title="Báo cáo (bản ký)")],
        )
    row = entry(unit, document)
    assert (row.kind, row.status) == ("document", PublicationStatus.LIVE)
    assert row.url == portal_url(network, "district_a", "/van-ban/12-bc-hu/")
    assert row.summary == "Báo cáo kết quả công tác quý I năm 2025."
    assert (row.doc_number, row.doc_type) == ("12-BC/HU", "Báo cáo")
    assert (row.issuer, row.signer) == ("Huyện ủy Núi Đỏ", "Nguyễn Văn A")
    assert row.field == "Xây dựng Đảng"
    assert (row.issued, row.effective) == (datetime.date(2025, 3, 1), datetime.date(2025, 3, 15))
    assert (row.section_title, row.section_url) == (
        "Văn bản",
        portal_url(network, "district_a", "/van-ban/"),
    )
    assert row.body_text == "Báo cáo (bản ký)\nbao-cao-12.pdf"
    assert row.attachments == [
        {
            "title": "Báo cáo (bản ký)",
            "filename": "bao-cao-12.pdf",
            "url": portal_url(network, "district_a", f"/documents/{pdf.pk}/bao-cao-12.pdf"),
        }
    ]


def test_the_builder_refuses_a_classified_document():
    document = DocumentPage(
        title="Mật",
        number="7-BC/HU",
        issuer="Huyện ủy",
        issued=datetime.date(2025, 1, 2),
        abstract="…",
        confidentiality=Confidentiality.SECRET,
    )
    assert document_entry(document) is None


def test_a_document_classified_behind_the_guard_is_withdrawn(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        document = add_document("13-BC/HU")
        # Bypassing DocumentPage.save, as a raw import or SQL fix might.
        DocumentPage.objects.filter(pk=document.pk).update(confidentiality=Confidentiality.SECRET)
        UnitLedger.current().sync(DocumentPage.objects.get(pk=document.pk))
    assert entry(unit, document).status == PublicationStatus.WITHDRAWN


def test_article_entry_links_a_thumbnail_of_its_featured_image(network, media_root):
    unit = network.unit("district_b")
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), "red").save(buffer, "PNG")
    with schema_context(unit.schema_name):
        image = Image.objects.create(title="Ảnh", file=ImageFile(buffer, name="anh.png"))
        article = add_article(news(), "Tin có ảnh", "tin-co-anh", featured_image=image)
    image_url = entry(unit, article).image_url
    # A random folder per stored file (portal.tenancy.storage), then the readable name.
    assert re.fullmatch(
        re.escape(portal_url(network, "district_b", "/media/images/")) + r"[\w-]{16}/anh\..+",
        image_url,
    )
    assert "fill-400x300" in image_url
