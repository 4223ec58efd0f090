"""Uploads are checked by content, size and pixel count; SVG is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def png_bytes(size=(20, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor(network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return client_for(network, "district_a", network.users["district_a_editor"])


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def test_real_pdf_is_accepted(editor):
    response = upload_document(
        editor, "bao-cao.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF"
    )
    assert response.json()["success"] is True


@pytest.mark.parametrize(
    "name, content",
    [
        ("gia-mao.pdf", b"MZ\x90\x00 this is an executable"),
        ("gia-mao.docx", b"not a zip at all"),
        ("virus.exe", b"MZ\x90\x00"),
        ("utf16.txt", "xin chào".encode("utf-16")),
    ],
)
def test_disguised_or_unknown_documents_are_refused(editor, name, content):
    assert upload_document(editor, name, content).json()["success"] is False


def upload_image(client, name, content):
    return client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def test_real_image_is_accepted(editor):
    assert upload_image(editor, "anh.png", png_bytes()).json()["success"] is True


@pytest.mark.parametrize(
    "name, content",
    [
        ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("anh.png", b"this is not an image"),
    ],
)
def test_svg_and_fake_images_are_refused(editor, name, content):
    assert upload_image(editor, name, content).json()["success"] is False


def test_images_with_too_many_pixels_are_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    assert upload_image(editor, "lon.png", png_bytes((50, 50))).json()["success"] is False
