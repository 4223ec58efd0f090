"""Uploads are judged by content and size; risky files are never shown inline. Two units each."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtailmedia.models import Media

from tests.conftest import client_for
from tests.extensions.helpers import enable
from tests.plugins.video_briefs.conftest import sample_video  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def mp4_bytes(sample_video) -> bytes:  # noqa: F811 (the imported fixture)
    return sample_video.read_bytes()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_a(network, settings, tmp_path):
    """District A's editor; audio and video come with the video briefs module, on in A only."""
    settings.MEDIA_ROOT = tmp_path / "media"
    enable(network, "district_a", "plugin_video_briefs")
    return client_for(network, "district_a", network.users["district_a_editor"])


def add_video(client, name: str, content: bytes, **extra):
    data = {"title": "Phóng sự", "file": SimpleUploadedFile(name, content), **extra}
    return client.post("/admin/media/video/add/", data)


def media_titles(network, key):
    with schema_context(network.units[key].schema_name):
        return list(Media.objects.values_list("title", flat=True))


def test_a_real_video_is_accepted_in_its_unit_only(network, editor_a, mp4_bytes):
    response = add_video(editor_a, "phong-su.mp4", mp4_bytes)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert media_titles(network, "district_a") == ["Phóng sự"]
    assert media_titles(network, "district_b") == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("phong-su.mp4", HTML, "Nội dung tệp không phải .mp4"),
        ("phong-su.webm", b"MZ\x90\x00" + b"\x00" * 200, "Nội dung tệp không phải .webm"),
        ("phong-su.html", HTML, "Chỉ nhận tệp"),
        ("phong-su.mp3", HTML, "Nội dung tệp không phải .mp3"),
    ],
)
def test_disguised_or_wrong_media_is_refused_in_vietnamese(
    network, editor_a, name, content, message
):
    response = add_video(editor_a, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert media_titles(network, "district_a") == []


def test_media_size_and_thumbnail_are_checked(network, editor_a, mp4_bytes, settings):
    settings.PORTAL_THUMBNAIL_MAX_UPLOAD_SIZE = 10 * 1024
    svg_thumb = add_video(
        editor_a, "a.mp4", mp4_bytes, thumbnail=SimpleUploadedFile("anh.png", SVG)
    )
    assert "Nội dung tệp không phải .png" in svg_thumb.content.decode()
    big_thumb = add_video(
        editor_a,
        "a.mp4",
        mp4_bytes,
        thumbnail=SimpleUploadedFile("anh.png", png_bytes() + b"\0" * 20_000),
    )
    assert "Tệp lớn hơn 10 KB" in big_thumb.content.decode()
    settings.PORTAL_MEDIA_MAX_UPLOAD_SIZE = len(mp4_bytes) - 1
    assert "lớn hơn" in add_video(editor_a, "a.mp4", mp4_bytes).content.decode()
    assert media_titles(network, "district_a") == []
    settings.PORTAL_MEDIA_MAX_UPLOAD_SIZE = len(mp4_bytes)
    ok = add_video(
        editor_a, "a.mp4", mp4_bytes, thumbnail=SimpleUploadedFile("anh.png", png_bytes())
    )
    assert ok.status_code == 302


@pytest.mark.parametrize(
    ("name", "content"),
    [("logo.svg", SVG), ("anh.png", HTML), ("anh.jpg", None)],  # None: a PNG named .jpg
)
def test_images_are_checked_by_content(network, editor_a, name, content):
    content = png_bytes() if content is None else content
    response = editor_a.post(
        "/admin/images/add/", {"title": "Ảnh", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    with schema_context(network.units["district_a"].schema_name):
        assert not get_image_model().objects.exists()


def test_a_disguised_document_is_refused(network, editor_a):
    response = editor_a.post(
        "/admin/documents/add/", {"title": "Văn bản", "file": SimpleUploadedFile("vb.pdf", HTML)}
    )
    assert "không phải PDF" in response.content.decode()
    with schema_context(network.units["district_a"].schema_name):
        assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "inline"),
    [("trang.html", HTML, False), ("logo.svg", SVG, False), ("anh.png", None, True)],
)
def test_stored_files_that_could_run_script_are_downloads(
    network, settings, tmp_path, name, content, inline
):
    settings.MEDIA_ROOT = tmp_path
    content = png_bytes() if content is None else content
    with schema_context(network.units["district_a"].schema_name):
        stored = default_storage.save(f"cu/{name}", ContentFile(content))
    # No page uses the file: only the unit's own people get it, never from a shared cache.
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    response = editor.get(f"/media/{stored}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    disposition = response.get("Content-Disposition", "")
    assert disposition.startswith("attachment") is not inline
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert client_for(network, "district_a").get(f"/media/{stored}").status_code == 404
    assert client_for(network, "district_b").get(f"/media/{stored}").status_code == 404
