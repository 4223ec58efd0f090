"""Security headers and the Content Security Policy, on two units' portals and the admin."""

import re

import pytest
from django.core.files.base import ContentFile
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model

from portal.theme.models import ThemeSettings
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def set_colour(network, unit_key, colour):
    from wagtail.models import Site

    with schema_context(network.units[unit_key].schema_name):
        site = Site.objects.get(is_default_site=True)
        theme = ThemeSettings.for_site(site)
        theme.primary_colour = colour
        theme.save()


@pytest.mark.parametrize("unit_key", ["district_a", "commune_b"])
def test_portal_pages_allow_no_inline_script(network, unit_key):
    set_colour(network, unit_key, "#a01010")
    response = client_for(network, unit_key).get("/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    nonces = [value for value in policy["style-src"] if value.startswith("'nonce-")]
    assert len(nonces) == 1 and "'unsafe-inline'" not in policy["style-src"]
    html = response.content.decode()
    # Every script is a file; every inline style carries this response's nonce.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert re.search(r"\son[a-z]+=\"", html) is None
    styles = re.findall(r"<style([^>]*)>", html)
    assert styles, "the unit's colours are an inline style"
    for attributes in styles:
        assert f'nonce="{nonces[0][7:-1]}"' in attributes


def test_nonces_differ_between_responses(network):
    set_colour(network, "district_a", "#a01010")
    first = directives(client_for(network, "district_a").get("/"))["style-src"]
    second = directives(client_for(network, "district_a").get("/"))["style-src"]
    assert first != second


def test_admin_gets_wagtails_policy(network):
    client = client_for(network, "district_a", network.users["district_a_editor"])
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_headers_on_every_portal(network):
    for unit_key in ("province", "commune_a"):
        response = client_for(network, unit_key).get("/")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def assert_framed_by_own_portal_only(response):
    """Both headers say the same: only pages of the same portal (origin) may frame it."""
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_framing_headers_agree_on_pages_admin_and_files(network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with schema_context(network.units["district_a"].schema_name):
        document = get_document_model().objects.create(
            title="Văn bản khung", file=ContentFile(b"noi dung khung", name="khung.txt")
        )
    visitor = client_for(network, "district_a")
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    responses = {
        "page": visitor.get("/"),
        "not found": visitor.get("/khong-co-trang-nay/"),
        "admin": editor.get("/admin/"),
        "document": editor.get(document.url),
        "media": editor.get(f"/media/{document.file.name}"),
    }
    assert {name: r.status_code for name, r in responses.items()} == {
        "page": 200,
        "not found": 404,
        "admin": 200,
        "document": 200,
        "media": 200,
    }
    assert b"noi dung khung" in b"".join(responses["media"].streaming_content)
    for response in responses.values():
        assert_framed_by_own_portal_only(response)
