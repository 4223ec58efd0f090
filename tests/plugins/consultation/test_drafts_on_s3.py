"""A consultation's draft read from the bucket of the real S3-compatible server
(tests/tenancy/object_store.py), as its users do it: the editor uploads the DOCX and
publishes the page in the admin, citizens read its text on the unit's page."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import rich_text

from plugins.consultation.models import ConsultationIndexPage, ConsultationPage
from tests.conftest import client_for
from tests.extensions.helpers import enable
from tests.plugins.forms import submit_page_form
from tests.tenancy import object_store
from tests.tenancy.object_store import media_in_bucket
from tests.tenancy.test_object_storage import upload

from .helpers import DRAFT_LINE

pytestmark = pytest.mark.django_db
UNIT = "district_a"
PAGE = "/gop-y-du-thao/du-thao-tren-kho/"


@pytest.fixture
def consulting_on_s3(network, settings, tmp_path):
    with media_in_bucket(settings, tmp_path):
        enable(network, UNIT, "plugin_consultation")
        yield network


def _docx() -> bytes:
    buffer = io.BytesIO()
    draft = docx.Document()
    draft.add_heading("DỰ THẢO QUY CHẾ", level=0)
    draft.add_paragraph(DRAFT_LINE)
    draft.save(buffer)
    return buffer.getvalue()


def _uploaded(network, editor, name: str, content: bytes):
    upload(editor, "documents", name, content)
    schema = network.units[UNIT].schema_name
    with schema_context(schema):
        document = get_document_model().objects.get(file__endswith=name)
    assert f"{schema}/{document.file.name}" in object_store.keys(f"{schema}/documents/")
    return document


def _publish(editor, network, document):
    with schema_context(network.units[UNIT].schema_name):
        index = ConsultationIndexPage.objects.get()
    now = timezone.localtime()
    return submit_page_form(
        editor,
        f"/admin/pages/add/plugin_consultation/consultationpage/{index.pk}/",
        {
            "title": "Lấy ý kiến dự thảo quy chế",
            "slug": PAGE.strip("/").rsplit("/", 1)[-1],
            "intro": rich_text("<p>Đề nghị góp ý dự thảo quy chế.</p>"),
            "opens_at": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            "closes_at": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
            "drafts-TOTAL_FORMS": "1",
            "drafts-INITIAL_FORMS": "0",
            "drafts-MIN_NUM_FORMS": "1",
            "drafts-MAX_NUM_FORMS": "1000",
            "drafts-0-id": "",
            "drafts-0-document": str(document.pk),
            "drafts-0-title": "",
            "drafts-0-ORDER": "1",
            "drafts-0-DELETE": "",
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
        },
    )


def _pages(network) -> int:
    with schema_context(network.units[UNIT].schema_name):
        return ConsultationPage.objects.count()


def test_a_draft_in_the_bucket_is_read_on_publishing_and_shown_to_citizens(consulting_on_s3):
    network = consulting_on_s3
    editor = client_for(network, UNIT, network.users[f"{UNIT}_editor"])
    document = _uploaded(network, editor, "du-thao-quy-che.docx", _docx())
    response = _publish(editor, network, document)
    assert response.status_code == 302, response.content.decode()[:3000]
    body = client_for(network, UNIT).get(PAGE)
    assert body.status_code == 200
    assert DRAFT_LINE in body.content.decode()  # the DOCX's text, read from the bucket
    assert client_for(network, "district_b").get(PAGE).status_code == 404


def test_a_draft_that_is_not_pdf_or_docx_is_refused_and_nothing_is_saved(consulting_on_s3):
    network = consulting_on_s3
    editor = client_for(network, UNIT, network.users[f"{UNIT}_editor"])
    document = _uploaded(network, editor, "ghi-chu.txt", "Ghi chú dự thảo".encode())
    response = _publish(editor, network, document)
    assert response.status_code == 200
    assert "phải là PDF hoặc DOCX" in response.content.decode()
    assert _pages(network) == 0


def test_a_draft_gone_from_the_bucket_is_refused_in_plain_words(consulting_on_s3):
    network = consulting_on_s3
    editor = client_for(network, UNIT, network.users[f"{UNIT}_editor"])
    document = _uploaded(network, editor, "du-thao-mat.docx", _docx())
    schema = network.units[UNIT].schema_name
    object_store.client().delete_object(
        Bucket=object_store.bucket_name(), Key=f"{schema}/{document.file.name}"
    )
    response = _publish(editor, network, document)
    assert response.status_code == 200
    assert "Không đọc được tệp dự thảo" in response.content.decode()
    assert _pages(network) == 0
