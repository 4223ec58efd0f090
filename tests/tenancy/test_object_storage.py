"""Media on S3-compatible object storage, against a real server (S3Proxy: object_store.py).

The same rules as local files: each unit's objects under its own key prefix (its
schema), served only by the application on that unit's hosts, private and
unpublished files never reachable, the file access matrix of
tests/security/test_file_access.py run again on the bucket.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from unittest.mock import ANY

import pytest
from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from portal.settings.media import media_storage
from sites.models import ArticlePage
from tests.conftest import client_for
from tests.security.test_file_access import (
    CASES,
    REQUESTERS,
    build,
    clients,
    expected,
    png_with,
    publish_or_draft,
)
from tests.sites.factories import news_section

from . import object_store

pytestmark = pytest.mark.django_db

UNIT, OTHER = "district_a", "district_b"
PROJECT_DIR = Path(__file__).resolve().parents[2]


def schema(network, key: str) -> str:
    return network.units[key].schema_name


def upload(client, kind: str, name: str, content: bytes):
    response = client.post(
        f"/admin/{kind}/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200 and response.json()["success"] is True, response.content
    return response


def body(response) -> bytes:
    return b"".join(response) if response.streaming else response.content


def test_admin_uploads_land_under_the_units_key_prefix_and_are_served_on_its_host_only(on_s3):
    network = on_s3
    marker = f"MARKER-{uuid.uuid4().hex}".encode()
    editor = client_for(network, UNIT, network.users[f"{UNIT}_editor"])
    upload(editor, "documents", "thong-bao.txt", b"Thong bao " + marker)
    upload(editor, "images", "anh.png", png_with(marker))
    with schema_context(schema(network, UNIT)):
        document = get_document_model().objects.get(file__endswith="thong-bao.txt")
        image = get_image_model().objects.get(file__endswith="anh.png")
        names = [document.file.name, image.file.name]
    unit_keys = set(object_store.keys(f"{schema(network, UNIT)}/"))
    assert {f"{schema(network, UNIT)}/{name}" for name in names} <= unit_keys
    assert object_store.keys(f"{schema(network, OTHER)}/") == []
    # The unit's own people get the unpublished files through the application...
    for url in (document.url, f"/media/{document.file.name}", f"/media/{image.file.name}"):
        response = editor.get(url)
        assert response.status_code == 200, url
        assert marker in body(response)
        assert response["Cache-Control"] == "private, no-store"
    # ...anyone else, and anyone on another unit's host, the 404 of a missing file.
    for client in (client_for(network, UNIT), client_for(network, OTHER)):
        for url in (document.url, f"/media/{document.file.name}", f"/media/{image.file.name}"):
            assert client.get(url).status_code == 404, url
    other_editor = client_for(network, OTHER, network.users[f"{OTHER}_editor"])
    assert other_editor.get(f"/media/{image.file.name}").status_code == 404
    # Nothing the storage hands out points at the bucket.
    assert document.file.url == f"/media/{document.file.name}"
    assert object_store.ENDPOINT_URL not in image.file.url


def test_live_images_and_their_renditions_are_served_from_the_bucket_on_their_unit_only(on_s3):
    network = on_s3
    marker = f"MARKER-{uuid.uuid4().hex}".encode()
    with schema_context(schema(network, UNIT)):
        image = get_image_model().objects.create(
            title="Ảnh", file=ContentFile(png_with(marker), name="hoi-nghi.png")
        )
        publish_or_draft(
            news_section(), ArticlePage(title="Tin", lead="Sapo", featured_image=image), "live"
        )
        rendition = image.get_rendition("fill-20x20")
        assert rendition.file.name.startswith("images/")
    assert f"{schema(network, UNIT)}/{rendition.file.name}" in object_store.keys(
        f"{schema(network, UNIT)}/images/"
    )
    anonymous = client_for(network, UNIT)
    served = anonymous.get(rendition.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert body(served).startswith(b"\x89PNG")
    assert served["Cache-Control"] == "public, max-age=600"
    assert marker in body(anonymous.get(image.file.url))
    for url in (rendition.url, image.file.url):
        assert client_for(network, OTHER).get(url).status_code == 404
    # The live page renders its picture from a rendition on the bucket.
    with schema_context(schema(network, UNIT)):
        page = ArticlePage.objects.get(featured_image=image)
        page_url = page.get_url()
    page_html = anonymous.get(page_url).content.decode()
    with schema_context(schema(network, UNIT)):
        shown = [r.url for r in image.renditions.all() if r.url in page_html]
    assert shown, "the page shows no rendition of its image"
    for url in shown:
        assert anonymous.get(url).status_code == 200


@pytest.mark.parametrize(
    "kind, state", [case for case in CASES if case[0] in ("document", "image", "video")]
)
def test_file_access_matrix_holds_on_the_bucket(on_s3, settings, kind, state):
    from tests.extensions.helpers import enable

    enable(on_s3, UNIT, "plugin_video_briefs")
    marker = f"MARKER-{kind}-{state}-{uuid.uuid4().hex}".encode()
    with schema_context(schema(on_s3, UNIT)):
        targets = build(kind, state, marker)
    assert object_store.keys(f"{schema(on_s3, UNIT)}/")
    everyone = clients(on_s3)
    for url, content in targets:
        for requester in REQUESTERS:
            response = everyone[requester].get(url)
            want = expected(kind, state, requester)
            assert response.status_code == want, (url, requester, response.status_code)
            if want == 200:
                assert content in body(response), (url, requester)
            else:
                assert marker not in body(response), (url, requester)


def test_a_units_file_cannot_be_reached_from_another_units_host_by_any_name(on_s3):
    network = on_s3
    with schema_context(schema(network, OTHER)):
        document = get_document_model().objects.create(
            title="B", file=ContentFile(b"van ban B", name="b.txt")
        )
    other_schema = schema(network, OTHER)
    assert f"{other_schema}/{document.file.name}" in object_store.keys(f"{other_schema}/")
    editor_a = client_for(network, UNIT, network.users[f"{UNIT}_editor"])
    for path in (
        f"/media/{document.file.name}",
        f"/media/{other_schema}/{document.file.name}",
        f"/media/../{other_schema}/{document.file.name}",
        f"/media/documents/../../{other_schema}/{document.file.name}",
        f"/media/%2e%2e/{other_schema}/{document.file.name}",
        f"/media//{other_schema}/{document.file.name}",
        "/media/",
        "/media/.",
    ):
        response = editor_a.get(path)
        assert response.status_code == 404, path
        assert b"van ban B" not in body(response)
    editor_b = client_for(network, OTHER, network.users[f"{OTHER}_editor"])
    assert body(editor_b.get(f"/media/{document.file.name}")) == b"van ban B"


def test_deleting_a_document_or_image_removes_its_objects(
    on_s3, django_capture_on_commit_callbacks
):
    network = on_s3
    prefix = f"{schema(network, UNIT)}/"
    with schema_context(schema(network, UNIT)):
        document = get_document_model().objects.create(
            title="Xóa", file=ContentFile(b"se bi xoa", name="xoa.txt")
        )
        image = get_image_model().objects.create(
            title="Xóa", file=ContentFile(png_with(b"x"), name="xoa.png")
        )
        rendition = image.get_rendition("fill-10x10")
        stored = {
            prefix + document.file.name,
            prefix + image.file.name,
            prefix + rendition.file.name,
        }
        assert stored <= set(object_store.keys(prefix))
        with django_capture_on_commit_callbacks(execute=True):
            document.delete()
            image.delete()
    assert stored.isdisjoint(object_store.keys(prefix))


BAD_SETTINGS = [
    ({"PORTAL_MEDIA_S3_BUCKET": "Co_Chu_Hoa"}, "PORTAL_MEDIA_S3_BUCKET"),
    ({"PORTAL_MEDIA_S3_BUCKET": "ab"}, "PORTAL_MEDIA_S3_BUCKET"),
    ({"PORTAL_MEDIA_S3_ENDPOINT_URL": "127.0.0.1:9480"}, "PORTAL_MEDIA_S3_ENDPOINT_URL"),
    ({"PORTAL_MEDIA_S3_ENDPOINT_URL": "ftp://s3.example.vn"}, "PORTAL_MEDIA_S3_ENDPOINT_URL"),
    ({"PORTAL_MEDIA_S3_SECRET_KEY": ""}, "PORTAL_MEDIA_S3_ACCESS_KEY"),
    ({"PORTAL_MEDIA_S3_ACCESS_KEY": ""}, "PORTAL_MEDIA_S3_SECRET_KEY"),
    ({"PORTAL_MEDIA_S3_ADDRESSING_STYLE": "subdomain"}, "PORTAL_MEDIA_S3_ADDRESSING_STYLE"),
]


@pytest.mark.parametrize("changes, named", BAD_SETTINGS)
def test_bad_settings_are_refused_naming_the_variable(changes, named):
    with pytest.raises(ImproperlyConfigured, match=named):
        media_storage(object_store.environment(**changes))


def test_without_a_bucket_media_stay_local():
    assert media_storage({}) == {"BACKEND": "portal.tenancy.storage.UnitMediaStorage"}
    assert media_storage({"PORTAL_MEDIA_S3_BUCKET": "  "})["BACKEND"].endswith("UnitMediaStorage")


def test_a_bad_setting_stops_the_process_at_start_up():
    env = {
        **os.environ,
        **object_store.environment(PORTAL_MEDIA_S3_ADDRESSING_STYLE="subdomain"),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert (
        "PORTAL_MEDIA_S3_ADDRESSING_STYLE='subdomain' must be one of path, virtual, auto"
        in result.stderr
    )


def run_check(**changes: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        **object_store.environment(**changes),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"PORTAL_MEDIA_S3_BUCKET": "khong-co-thung-nay"}, "404"),
        ({"PORTAL_MEDIA_S3_SECRET_KEY": "sai-khoa"}, "403"),
        ({"PORTAL_MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9"}, "Could not connect"),
    ],
)
def test_a_bucket_that_cannot_be_used_fails_the_start_up_check(changes, reason):
    object_store.ensure_bucket()
    assert run_check().returncode == 0
    result = run_check(**changes)
    assert result.returncode != 0
    assert "portal_tenancy.E001" in result.stderr
    assert "The media bucket" in result.stderr and reason in result.stderr


def test_an_unreachable_bucket_gives_503_for_files_and_fails_the_health_check(on_s3, settings):
    network = on_s3
    with schema_context(schema(network, UNIT)):
        document = get_document_model().objects.create(
            title="A", file=ContentFile(b"van ban", name="a.txt")
        )
    editor = client_for(network, UNIT, network.users[f"{UNIT}_editor"])
    assert editor.get(f"/media/{document.file.name}").status_code == 200
    assert json.loads(Client().get("/healthz").content)["checks"]["media"] == {
        "ok": True,
        "storage": "bucket",
        "ms": ANY,
    }
    closed = media_storage(
        object_store.environment(PORTAL_MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:9")
    )
    closed["OPTIONS"]["client_config"] = Config(retries={"max_attempts": 1}, connect_timeout=2)
    settings.STORAGES = {**settings.STORAGES, "default": closed}
    editor.raise_request_exception = False
    for url in (f"/media/{document.file.name}", document.url):
        response = editor.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30"
    health = Client().get("/healthz")
    assert health.status_code == 503
    media = json.loads(health.content)["checks"]["media"]
    assert media["ok"] is False and "127.0.0.1:9" not in health.content.decode()
