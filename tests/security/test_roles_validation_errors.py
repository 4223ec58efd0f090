"""Admin actions that meet a validation error say so in Vietnamese and change nothing.

Bulk-publishing an imported draft whose metadata is incomplete used to answer
500 (DocumentPage.save refuses it inside Wagtail's bulk action).
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context
from wagtail.models import Page

from portal.publications.models import Publication
from sites.models import DocumentPage
from tests.conftest import client_for
from tests.sites.factories import document, registry

pytestmark = pytest.mark.django_db

NEXT = "/admin/pages/"


def bulk_publish_url(page_id: int) -> str:
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    return f"{url}?id={page_id}&next={NEXT}"


@pytest.fixture
def editor(network):
    return client_for(network, "district_a", network.users["district_a_editor"])


@pytest.fixture
def incomplete_draft(network):
    """As `import_documents` leaves a file whose number it could not read."""
    with schema_context(network.units["district_a"].schema_name):
        page = registry().add_child(
            instance=DocumentPage(
                title="Văn bản nhập thiếu số",
                number="",
                doc_type="thong-bao",
                issuer="Huyện ủy Núi Đỏ",
                issued=datetime.date(2025, 7, 22),
                abstract="Trích yếu đọc được từ tệp",
                live=False,
            )
        )
        page.save_revision()
        return page.pk


def snapshot(network, page_id: int):
    unit = network.units["district_a"]
    with schema_context(unit.schema_name):
        page = Page.objects.get(pk=page_id)
        state = (page.title, page.live, page.has_unpublished_changes, page.revisions.count())
    return state, Publication.objects.filter(unit=unit, object_id=page_id).count()


def test_bulk_publishing_an_incomplete_document_explains_and_keeps_the_draft(
    network, editor, incomplete_draft
):
    before = snapshot(network, incomplete_draft)
    response = editor.post(bulk_publish_url(incomplete_draft), {"include_descendants": ""})
    assert response.status_code == 302
    assert response["Location"] == NEXT
    page = editor.get(NEXT).content.decode()
    assert "Chưa thể xuất bản văn bản “Văn bản nhập thiếu số”: thiếu" in page
    assert "Không trang nào được xuất bản." in page
    assert snapshot(network, incomplete_draft) == before
    assert before[0][1] is False and before[1] == 0


def test_bulk_publishing_with_descendants_refuses_the_whole_batch(
    network, editor, incomplete_draft
):
    with schema_context(network.units["district_a"].schema_name):
        complete = document("16/TB-HU", publish=False)
        complete.save_revision()
        registry_id = registry().pk
    before = [snapshot(network, page_id) for page_id in (incomplete_draft, complete.pk)]
    response = editor.post(bulk_publish_url(registry_id), {"include_descendants": "on"})
    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert "Văn bản nhập thiếu số" in editor.get(NEXT).content.decode()
    assert [snapshot(network, page_id) for page_id in (incomplete_draft, complete.pk)] == before


def test_bulk_publishing_a_complete_document_still_publishes(network, editor):
    with schema_context(network.units["district_a"].schema_name):
        complete = document("17/TB-HU", publish=False)
        complete.save_revision()
    response = editor.post(bulk_publish_url(complete.pk), {"include_descendants": ""})
    assert response.status_code == 302
    with schema_context(network.units["district_a"].schema_name):
        assert Page.objects.get(pk=complete.pk).live
