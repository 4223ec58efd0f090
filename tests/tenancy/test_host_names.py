"""Host names are case-insensitive (RFC 4343) and may end with the root's dot, over HTTP."""

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
