"""The search filter "Có chữ ký số hợp lệ": both engines, and end to end from a pushed PDF."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from search.query import SearchQuery
from tests.search.conftest import engine  # noqa: F401 (the contract engines' fixture)
from tests.search.corpus import publish, titles

from .conftest import api_client, push

pytestmark = pytest.mark.django_db


def test_both_engines_keep_only_valid_signatures(engine, network):  # noqa: F811
    unit = network.unit("district_a")
    publish(unit, "Thông báo đã ký số hợp lệ", signature_status="valid")
    publish(unit, "Thông báo có chữ ký bị sửa", signature_status="tampered")
    publish(unit, "Thông báo chữ ký chưa xác minh", signature_status="untrusted")
    publish(unit, "Thông báo không ký")
    engine.sync()

    def search(**filters):
        query = SearchQuery(text="thông báo", scope="network", unit_id=unit.pk, **filters)
        return sorted(titles(engine.engine.search(query)))

    assert len(search()) == 4
    assert search(signed_only=True) == ["Thông báo đã ký số hợp lệ"]


def test_the_search_page_filters_a_pushed_signed_document(
    network, token_of, pki, tmp_path, settings
):
    settings.PORTAL_SEARCH_ENGINE = "postgres"  # rows searchable in the test's transaction
    ca = tmp_path / "ca.pem"
    ca.write_bytes(pki.ca_pem)
    call_command("trust_roots", "add", str(ca), stdout=StringIO())
    client = api_client(network, "district_a", token_of("district_a"))
    push(client, pki.signed_pdf, name="ky.pdf", number="41-TB/HU", abstract="Chuyển đổi số ký")
    push(client, pki.tampered_pdf, name="sua.pdf", number="42-TB/HU", abstract="Chuyển đổi số sửa")
    call_command("check_signatures", stdout=StringIO())

    visitor = api_client(network, "province", None)
    everything = visitor.get("/tim-kiem/", {"q": "chuyển đổi số", "scope": "network"})
    assert everything.status_code == 200
    page = everything.content.decode()
    assert "Chuyển đổi số ký" in page and "Chuyển đổi số sửa" in page
    assert "Có chữ ký số hợp lệ" in page
    signed = visitor.get("/tim-kiem/", {"q": "chuyển đổi số", "scope": "network", "signed": "1"})
    page = signed.content.decode()
    assert signed.status_code == 200
    assert "Chuyển đổi số ký" in page and "Chuyển đổi số sửa" not in page
    api = visitor.get("/api/search/", {"q": "chuyển đổi số", "scope": "network", "signed": "1"})
    assert [hit["title"] for hit in api.json()["results"]] == [
        "Thông báo số 41-TB/HU: Chuyển đổi số ký"
    ]
