"""A session belongs to the unit host where it was made: a replayed cookie opens nothing elsewhere.

The people sign in through the real forms (password, then the authenticator's
code for administrators); the attacker copies their session cookie into a
client that talks to another unit's host.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context

from portal.accounts import roles
from tests.accounts.two_factor_codes import fresh_code
from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

VERIFY = "/admin/xac-thuc-hai-buoc/"
SIGN_IN_FIRST = "/admin/login/?next=/admin/"


def signed_in(network, unit_key: str, user) -> Client:
    client = client_for(network, unit_key)
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and "/login/" not in response["Location"]
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        assert client.post(VERIFY, {"code": fresh_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    return client


def replayed_on(network, unit_key: str, victim: Client) -> Client:
    attacker = client_for(network, unit_key)
    name = settings.SESSION_COOKIE_NAME
    attacker.cookies[name] = victim.cookies[name].value
    return attacker


@pytest.fixture
def editor_of_two_units(network):
    """An editor in both districts, so a replayed cookie would find a role on the other host."""
    editor = network.users["district_a_editor"]
    with schema_context(network.units["district_b"].schema_name):
        roles.grant(editor, roles.EDITOR)
    return editor


def test_a_network_administrators_cookie_opens_nothing_on_another_units_host(network):
    province = signed_in(network, "province", network.users["network_admin"])
    attacker = replayed_on(network, "district_a", province)

    for path in ("/admin/", "/admin/portal_tenancy/unit/", "/admin/users/"):
        response = attacker.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == f"/admin/login/?next={path}"
    # Still signed in, and verified, on the province's own host.
    assert province.get("/admin/portal_tenancy/unit/").status_code == 200


def test_a_unit_editors_cookie_opens_nothing_on_another_units_host(network, editor_of_two_units):
    own = signed_in(network, "district_a", editor_of_two_units)
    attacker = replayed_on(network, "district_b", own)

    response = attacker.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN_FIRST
    assert own.get("/admin/pages/").status_code == 200


def test_signing_out_on_another_host_leaves_the_session_alone(network, editor_of_two_units):
    own = signed_in(network, "district_a", editor_of_two_units)
    key = own.cookies[settings.SESSION_COOKIE_NAME].value
    attacker = replayed_on(network, "district_b", own)

    assert attacker.post("/admin/logout/").status_code == 302
    assert Session.objects.filter(session_key=key).exists()
    assert own.get("/admin/").status_code == 200


def test_signing_in_on_another_host_makes_a_session_of_its_own(network, editor_of_two_units):
    own = signed_in(network, "district_a", editor_of_two_units)
    key = own.cookies[settings.SESSION_COOKIE_NAME].value
    other = replayed_on(network, "district_b", own)
    response = other.post(
        "/admin/login/", {"username": editor_of_two_units.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and "/login/" not in response["Location"]
    assert other.cookies[settings.SESSION_COOKIE_NAME].value != key
    assert other.get("/admin/").status_code == 200
    # The first host's session is untouched by the second sign-in.
    assert own.get("/admin/").status_code == 200
    assert own.cookies[settings.SESSION_COOKIE_NAME].value == key


def test_a_signed_in_session_bound_to_no_unit_is_not_accepted(network):
    """Sessions made before sessions carried their unit: sign in again."""
    client = client_for(network, "district_a")
    client.force_login(network.users["district_a_editor"])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN_FIRST


def test_anonymous_visitors_get_no_session_cookie(network):
    response = client_for(network, "district_a").get("/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
