"""Files through the real stack (nginx -> gunicorn -> X-Accel-Redirect): a file of a live
page is served with the application's headers; an unused one is the 404 of a missing file.

The content is committed (gunicorn reads it from another connection) and removed after.
"""

import secrets
from contextlib import contextmanager

import pytest
from django.core.files.base import ContentFile
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model

from sites.models import DocumentAttachment
from tests.sites.factories import document

pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")


@contextmanager
def unit_files(stack, network, django_db_blocker, settings):
    """In commune A: a document file used by a live document (the page), and one used by
    nothing; committed for the stack's gunicorn, removed afterwards."""
    settings.MEDIA_ROOT = stack.media_root
    marker = f"MARKER-{secrets.token_hex(8)}"
    schema = network.units["commune_a"].schema_name
    Document = get_document_model()
    with django_db_blocker.unblock(), schema_context(schema):
        used = Document.objects.create(
            title="Toàn văn", file=ContentFile(f"Thông báo {marker}".encode(), name="tb.txt")
        )
        unused = Document.objects.create(
            title="Chưa dùng", file=ContentFile(f"Nháp {marker}".encode(), name="nhap.txt")
        )
        page = document(f"{secrets.randbelow(900) + 100}-TB/ĐU", publish=False)
        page.attachments = [DocumentAttachment(document=used)]
        page.save_revision().publish()
    try:
        yield marker, used, unused, page
    finally:
        with django_db_blocker.unblock(), schema_context(schema):
            page.delete()
            for file in (used, unused):
                file.file.delete(save=False)
                file.delete()


@pytest.fixture
def files(stack, network, django_db_blocker, settings):
    with unit_files(stack, network, django_db_blocker, settings) as made:
        yield made


def test_a_live_pages_file_through_nginx_and_nothing_else(stack, network, files):
    marker, used, unused, _page = files
    host, other = network.domains["commune_a"], network.domains["commune_b"]
    for path in (used.url, f"/media/{used.file.name}"):
        response = stack.https(path, host)
        assert response.status_code == 200, path
        assert marker in response.content.decode()
        assert "sandbox" in response.headers["Content-Security-Policy"]
        # The application's answer, not an nginx expiry: a withdrawn file leaves caches soon.
        assert response.headers["Cache-Control"] == "public, max-age=600"
        assert stack.https(path, other).status_code == 404
    missing = stack.https("/media/documents/khong-co/khong-co.txt", host)
    assert missing.status_code == 404
    for path in (unused.url, f"/media/{unused.file.name}"):
        refused = stack.https(path, host)
        assert refused.status_code == 404, path
        assert marker not in refused.text
    schema_a = network.units["commune_a"].schema_name
    escape = stack.https(f"/media/../{schema_a}/{used.file.name}", other)
    assert escape.status_code in (400, 404)
    assert marker not in escape.text
