"""The home page links up and down the network, and to the online public services."""

import re

import pytest
from django_tenants.utils import schema_context

from portal.tenancy import provisioning
from tests.conftest import NETWORK, client_for

from .helpers import theme_settings

pytestmark = pytest.mark.django_db

NATIONAL = "Cổng Dịch vụ công quốc gia"


def portal_links(page: str) -> set[str]:
    """Portal addresses of the session network linked from the network-links section.

    Other tests (the browser journeys) commit units of their own into the shared
    network; only the fixture's units are compared here.
    """
    section = re.search(r'<section class="[^"]*network-links[^"]*".*?</section>', page, re.S)
    links = set(re.findall(r'href="([^"]+)"', section.group(0))) if section else set()
    fixture_hosts = {host for _key, _name, _code, _level, _parent, host in NETWORK}
    return {
        link for link in links if re.sub(r"^https?://([^:/]+).*$", r"\1", link) in fixture_hosts
    }


def test_district_links_to_its_province_and_its_communes_only(network):
    page = client_for(network, "district_a").get("/").content.decode()
    assert portal_links(page) == {"http://tinh.test.localhost/", "http://xa-a.test.localhost/"}
    assert "Tỉnh Thử Nghiệm" in page and "Xã Đồng Tâm" in page
    assert "Xã Bình Minh" not in page  # district_b's commune


def test_links_keep_the_requests_scheme_and_port(network):
    client = client_for(network, "district_a")
    page = client.get("/", SERVER_PORT="8443", secure=True).content.decode()
    assert portal_links(page) == {
        "https://tinh.test.localhost:8443/",
        "https://xa-a.test.localhost:8443/",
    }
    page = client.get("/", secure=True).content.decode()  # 443: the default port
    assert "https://tinh.test.localhost/" in portal_links(page)


def test_archived_units_are_not_linked(network):
    provisioning.archive(network.unit("commune_a"))
    page = client_for(network, "district_a").get("/").content.decode()
    assert portal_links(page) == {"http://tinh.test.localhost/"}


def test_a_unit_may_hide_network_links_and_list_public_services(network):
    national = ("link", {"title": NATIONAL, "url": "https://dichvucong.gov.vn"})
    with schema_context(network.units["district_a"].schema_name):
        theme_settings(show_network_links=False, public_service_links=[national])
    page = client_for(network, "district_a").get("/").content.decode()
    assert portal_links(page) == set()
    assert f'<a href="https://dichvucong.gov.vn" rel="noopener">{NATIONAL}</a>' in page
    # The province's home still links down to its districts.
    assert portal_links(client_for(network, "province").get("/").content.decode()) == {
        "http://huyen-a.test.localhost/",
        "http://huyen-b.test.localhost/",
    }
