"""Host names are case-insensitive (RFC 4343), may end with the root's dot and start with
"www.", over HTTP."""

import pytest

from tests.conftest import client_for_host

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("host", "unit_name"),
    [
        ("HUYEN-A.TEST.LOCALHOST", "Huyện Núi Đỏ"),
        ("Huyen-B.Test.Localhost", "Huyện Sông Xanh"),
        ("xa-a.test.localhost.", "Xã Đồng Tâm"),
        ("XA-B.test.LOCALHOST.:8000", "Xã Bình Minh"),
        ("www.huyen-a.test.localhost", "Huyện Núi Đỏ"),
        ("WWW.Xa-A.Test.Localhost:8000", "Xã Đồng Tâm"),
    ],
)
def test_any_case_reaches_the_units_portal(network, host, unit_name):
    response = client_for_host(host).get("/")
    assert response.status_code == 200
    assert unit_name in response.content.decode()


def test_an_unknown_host_in_capitals_is_still_unknown(network):
    response = client_for_host("KHONG-CO.TEST.LOCALHOST").get("/")
    assert response.status_code == 404
    assert "khong-co.test.localhost" in response.content.decode()


@pytest.mark.parametrize("host", ["huyen a.test.localhost", "huyen-a.test.localhost:port", "[::1"])
def test_a_malformed_host_gets_the_400_page(network, host):
    response = client_for_host(host).get("/")
    assert response.status_code == 400
    assert "Huyện Núi Đỏ" not in response.content.decode()
