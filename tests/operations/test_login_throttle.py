"""Admin sign-in is throttled per account and per client, across every unit, in the shared cache."""

import pytest

from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

LIMITS = {"account_failures": 3, "client_failures": 6, "window_seconds": 600}


@pytest.fixture(autouse=True)
def small_limits(settings, redis_cache):
    settings.PORTAL_LOGIN_THROTTLE = LIMITS


def sign_in(network, unit_key, username, password, address="192.0.2.10"):
    client = client_for(network, unit_key)
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and "/login/" not in response["Location"]


def test_an_account_is_locked_on_every_unit_after_its_failures(network):
    editor = network.users["district_a_editor"].username
    # Failures spread over two units' admins count together.
    for unit_key in ("district_a", "district_b", "district_a"):
        response = sign_in(
            network, unit_key, editor, "sai-mat-khau", address=f"192.0.2.{len(unit_key)}"
        )
        assert response.status_code == 200  # the form again, with its error
    for unit_key in ("district_a", "district_b"):
        response = sign_in(network, unit_key, editor, PASSWORD, address="198.51.100.1")
        assert response.status_code == 429
        assert "quá nhiều lần đăng nhập không thành công" in response.content.decode()
        assert int(response["Retry-After"]) == LIMITS["window_seconds"]
    # Another account of the same unit is not affected.
    other = network.users["district_a_admin"].username
    assert signed_in(sign_in(network, "district_a", other, PASSWORD, address="198.51.100.1"))


def test_a_client_trying_many_accounts_is_locked(network):
    for number in range(LIMITS["client_failures"]):
        sign_in(network, "district_b", f"khong-ton-tai-{number}", "x", address="203.0.113.5")
    editor = network.users["district_b_editor"].username
    assert (
        sign_in(network, "district_b", editor, PASSWORD, address="203.0.113.5").status_code == 429
    )
    # The same account from another client still signs in.
    assert signed_in(sign_in(network, "district_b", editor, PASSWORD, address="203.0.113.6"))


def test_success_clears_the_account_count(network):
    editor = network.users["district_b_editor"].username
    for _ in range(LIMITS["account_failures"] - 1):
        sign_in(network, "district_b", editor, "sai", address="192.0.2.50")
    assert signed_in(sign_in(network, "district_b", editor, PASSWORD, address="192.0.2.50"))
    for _ in range(LIMITS["account_failures"] - 1):
        sign_in(network, "district_b", editor, "sai", address="192.0.2.51")
    assert signed_in(sign_in(network, "district_b", editor, PASSWORD, address="192.0.2.52"))


def test_client_address_comes_from_the_proxy_header_when_configured(network, settings):
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    client = client_for(network, "district_a")
    for number in range(LIMITS["client_failures"]):
        client.post(
            "/admin/login/",
            {"username": f"ai-do-{number}", "password": "x"},
            HTTP_X_REAL_IP="203.0.113.9",
        )
    editor = network.users["district_a_editor"].username
    blocked = client.post(
        "/admin/login/", {"username": editor, "password": PASSWORD}, HTTP_X_REAL_IP="203.0.113.9"
    )
    assert blocked.status_code == 429
    allowed = client.post(
        "/admin/login/", {"username": editor, "password": PASSWORD}, HTTP_X_REAL_IP="203.0.113.10"
    )
    assert signed_in(allowed)
