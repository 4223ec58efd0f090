"""Searching is rate limited per client, across every portal, with a clear 429."""

from __future__ import annotations

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(settings):
    settings.PORTAL_SEARCH_RATE_LIMIT = 5
    settings.PORTAL_SEARCH_RATE_WINDOW = 3600


def test_429_after_the_limit_on_the_api_and_the_page(network, small_limit):
    client = client_for(network, "district_a")
    statuses = [client.get("/api/search/", {"q": "thông báo"}).status_code for _ in range(5)]
    assert statuses == [200] * 5
    refused = client.get("/api/search/", {"q": "thông báo"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "quá nhanh" in refused.json()["error"]
    page = client.get("/tim-kiem/", {"q": "thông báo"})
    assert page.status_code == 429 and "Vui lòng thử lại sau" in page.content.decode()


def test_the_count_is_shared_by_every_portal(network, small_limit):
    keys = ["province", "district_a", "district_b", "commune_a", "commune_b"]
    statuses = [
        client_for(network, key).get("/api/search/", {"q": "a"}).status_code for key in keys
    ]
    assert statuses == [200] * 5
    assert client_for(network, "commune_b").get("/api/search/", {"q": "a"}).status_code == 429


def test_clients_are_counted_separately(network, small_limit):
    for _ in range(5):
        client_for(network, "district_a").get("/api/search/", {"q": "a"}, REMOTE_ADDR="10.0.0.1")
    assert (
        client_for(network, "district_a")
        .get("/api/search/", {"q": "a"}, REMOTE_ADDR="10.0.0.1")
        .status_code
        == 429
    )
    assert (
        client_for(network, "district_a")
        .get("/api/search/", {"q": "a"}, REMOTE_ADDR="10.0.0.2")
        .status_code
        == 200
    )


def test_behind_the_proxy_clients_are_told_by_its_header(network, small_limit, settings):
    """Production: every request comes from nginx; the client is its X-Real-IP."""
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"

    def search(client_ip: str) -> int:
        return (
            client_for(network, "commune_a")
            .get("/api/search/", {"q": "a"}, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=client_ip)
            .status_code
        )

    assert [search("203.0.113.7") for _ in range(5)] == [200] * 5
    assert search("203.0.113.7") == 429
    assert search("203.0.113.8") == 200  # another visitor behind the same proxy
