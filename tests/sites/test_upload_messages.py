"""A refused upload shows one clear Vietnamese message, never Django's "extension “”" as well.

Over HTTP in the admin, as district A's editor: documents (PDF, DOCX, TXT) and,
with the video briefs module on, videos and their thumbnails.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtailmedia.models import Media

from tests.conftest import client_for
from tests.extensions.helpers import enable

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
# Django's message for a disallowed extension, in the project's Vietnamese and in English.
EXTENSION_MESSAGE = re.compile(r"Không cho phép phần mở rộng|File extension|“”")


@pytest.fixture
def editor_a(network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enable(network, "district_a", "plugin_video_briefs")
    return client_for(network, "district_a", network.users["district_a_editor"])


def count(network, model) -> int:
    with schema_context(network.units["district_a"].schema_name):
        return model.objects.count()


def assert_one_message(response, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(message) == 1, html[:3000]
    assert not EXTENSION_MESSAGE.search(html)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("bao-cao.exe", b"MZ\x90\x00" * 64), "Chỉ nhận tệp PDF, DOCX hoặc TXT."),
        (SimpleUploadedFile("bao-cao.pdf", HTML), "Nội dung tệp không phải PDF"),
        (None, "Trường này là bắt buộc."),
    ],
)
def test_a_refused_document_shows_one_message(network, editor_a, upload, message):
    before = count(network, get_document_model())
    data = {"title": "Báo cáo", **({"file": upload} if upload else {})}
    assert_one_message(editor_a.post("/admin/documents/add/", data), message)
    assert count(network, get_document_model()) == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"file": SimpleUploadedFile("phong-su.mp4", HTML)}, "Nội dung tệp không phải .mp4"),
        ({"file": SimpleUploadedFile("phong-su.html", HTML)}, "Chỉ nhận tệp .mp4, .webm"),
        (
            {
                "file": SimpleUploadedFile("phong-su.mp4", HTML),
                "thumbnail": SimpleUploadedFile("anh.png", HTML),
            },
            "Nội dung tệp không phải .png",
        ),
    ],
)
def test_a_refused_video_shows_one_message(network, editor_a, fields, message):
    before = count(network, Media)
    response = editor_a.post("/admin/media/video/add/", {"title": "Phóng sự", **fields})
    assert_one_message(response, message)
    assert count(network, Media) == before
