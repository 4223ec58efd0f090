"""Withdrawing a document from the portal: editors only; unpublished, file deleted, audited."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.base import ContentFile
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model

from portal.audit.actions import DOCUMENT_WITHDRAWN
from portal.audit.models import AuditEntry
from sites.models import DocumentAttachment, DocumentPage
from tests.conftest import client_for
from tests.sites.factories import document

pytestmark = pytest.mark.django_db

UNIT = "district_a"


@pytest.fixture
def live_document(network, settings, tmp_path):
    """A live document of district A with one attached file holding a unique marker."""
    settings.MEDIA_ROOT = tmp_path / "media"
    marker = f"MARKER-{uuid.uuid4().hex}".encode()
    with schema_context(network.units[UNIT].schema_name):
        file = get_document_model().objects.create(
            title="Toàn văn", file=ContentFile(b"Thong bao " + marker, name="thong-bao.txt")
        )
        page = document("21-TB/HU", publish=False)
        page.attachments = [DocumentAttachment(document=file)]
        page.save_revision().publish()
        page = DocumentPage.objects.get(pk=page.pk)
    return page, file, marker


def withdraw_url(page) -> str:
    return f"/admin/van-ban/{page.pk}/go-khoi-cong/"


def state(network, page, file):
    with schema_context(network.units[UNIT].schema_name):
        live = DocumentPage.objects.get(pk=page.pk).live
        stored = file.file.storage.exists(file.file.name)
    return live, stored, AuditEntry.objects.filter(action=DOCUMENT_WITHDRAWN).count()


def test_an_editor_withdraws_a_document_from_the_portal(network, live_document):
    page, file, marker = live_document
    anonymous = client_for(network, UNIT)
    assert marker in b"".join(anonymous.get(file.url))
    editor = client_for(network, UNIT, network.users[f"{UNIT}_editor"])
    edit_page = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert withdraw_url(page) in edit_page and "Gỡ văn bản khỏi cổng" in edit_page
    confirm = editor.get(withdraw_url(page))
    assert confirm.status_code == 200 and "thong-bao.txt" in confirm.content.decode()

    response = editor.post(withdraw_url(page))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert state(network, page, file) == (False, False, 1)
    entry = AuditEntry.objects.get(action=DOCUMENT_WITHDRAWN)
    assert entry.actor_id == network.users[f"{UNIT}_editor"].pk
    assert (entry.unit_code, entry.target) == (network.units[UNIT].code, "21-TB/HU")
    assert entry.details == {"page": page.pk, "files": ["thong-bao.txt"]}
    for client in (anonymous, editor):
        assert client.get(file.url).status_code == 404
        assert client.get(f"/media/{file.file.name}").status_code == 404
    assert anonymous.get(page.url).status_code == 404


@pytest.mark.parametrize(
    "who, status, location",
    [
        ("contributor", 302, "/admin/"),  # Wagtail's refusal inside the admin
        ("other_editor", 403, None),  # no role in this unit: not in its admin at all
        ("anonymous", 302, "/admin/login/"),
    ],
)
def test_others_cannot_withdraw_and_nothing_changes(network, live_document, who, status, location):
    page, file, marker = live_document
    user = {
        "contributor": network.users[f"{UNIT}_contributor"],
        "other_editor": network.users["district_b_editor"],
        "anonymous": None,
    }[who]
    client = client_for(network, UNIT, user)
    before = state(network, page, file)
    assert before == (True, True, 0)
    for method in (client.get, client.post):
        response = method(withdraw_url(page))
        assert response.status_code == status
        if location:
            assert response["Location"].split("?")[0] == location
    assert state(network, page, file) == before
    assert marker in b"".join(client_for(network, UNIT).get(file.url))
    if who == "contributor":
        edit_page = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert withdraw_url(page) not in edit_page
