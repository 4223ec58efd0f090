"""Two-factor sign-in: real passwords, real TOTP codes from the device key, two units."""

from __future__ import annotations

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context

from portal.accounts import roles
from portal.audit.models import AuditEntry
from tests.accounts.two_factor_codes import fresh_code, wrong_code
from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

VERIFY = "/admin/xac-thuc-hai-buoc/"
ENROL = "/admin/xac-thuc-hai-buoc/dang-ky/"


def signed_in_with_password(network, unit_key, username):
    client = client_for(network, unit_key)
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302 and "/login/" not in response["Location"]
    return client


def new_person(username, unit=None, role=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.vn", password=PASSWORD, **extra
    )
    if unit is not None:
        with schema_context(unit.schema_name):
            roles.grant(user, role)
    return user


def test_a_confirmed_device_is_asked_for_before_any_admin_page(network):
    admin = network.users["district_a_admin"]
    device = TOTPDevice.objects.get(user=admin)
    client = signed_in_with_password(network, "district_a", admin.username)
    for path in ("/admin/", "/admin/pages/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY)
    page = client.get(f"{VERIFY}?next=/admin/pages/")
    assert "Xác thực hai bước" in page.content.decode()
    # What the code page itself loads is served, not redirected into the page.
    assert client.get("/admin/sprite/").status_code == 200

    refused = client.post(VERIFY, {"code": wrong_code(device), "next": "/admin/pages/"})
    assert refused.status_code == 200
    assert "Mã không đúng" in refused.content.decode()
    assert client.get("/admin/pages/").status_code == 302

    accepted = client.post(VERIFY, {"code": fresh_code(device), "next": "/admin/pages/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_code_is_good_once(network):
    admin = network.users["district_b_admin"]
    device = TOTPDevice.objects.get(user=admin)
    code = fresh_code(device)
    first = signed_in_with_password(network, "district_b", admin.username)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = signed_in_with_password(network, "district_b", admin.username)
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert second.get("/admin/").status_code == 302


def test_verification_holds_per_host_session_only(network):
    """Sessions are per host: another unit's admin asks for the password and a code again."""
    admin = network.users["network_admin"]
    device = TOTPDevice.objects.get(user=admin)
    province = signed_in_with_password(network, "province", admin.username)
    assert province.post(VERIFY, {"code": fresh_code(device)}).status_code == 302
    assert province.get("/admin/").status_code == 200

    other = signed_in_with_password(network, "district_a", admin.username)
    assert other.get("/admin/")["Location"].startswith(VERIFY)
    assert other.post(VERIFY, {"code": fresh_code(device)}).status_code == 302
    assert other.get("/admin/portal_tenancy/unit/").status_code == 200


def test_administrators_without_a_device_must_enrol(network):
    site_admin = new_person("quan-tri-moi", network.units["district_a"], roles.SITE_ADMIN)
    client = signed_in_with_password(network, "district_a", site_admin.username)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)

    page = client.get(ENROL).content.decode()
    assert "<svg" in page and "Khóa bí mật" in page
    shown_secret = re.search(r"data-two-factor-secret>([A-Z2-7 ]+)<", page).group(1)
    device = TOTPDevice.objects.get(user=site_admin, confirmed=False)
    assert base64.b32encode(device.bin_key).decode().rstrip("=") == shown_secret.replace(" ", "")

    refused = client.post(ENROL, {"code": wrong_code(device)})
    assert "Mã không đúng" in refused.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    done = client.post(ENROL, {"code": fresh_code(device), "next": "/admin/pages/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert done.status_code == 200 and len(codes) == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/pages/").status_code == 200
    # Shown once: the enrolment page now only says it is on.
    again = client.get(ENROL).content.decode()
    assert not any(code in again for code in codes)

    # A backup code signs in once, on another unit where the person also is site administrator.
    with schema_context(network.units["district_b"].schema_name):
        roles.grant(site_admin, roles.SITE_ADMIN)
    elsewhere = signed_in_with_password(network, "district_b", site_admin.username)
    assert elsewhere.post(VERIFY, {"code": codes[0]}).status_code == 302
    assert elsewhere.get("/admin/").status_code == 200
    replay = signed_in_with_password(network, "district_b", site_admin.username)
    assert replay.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert StaticToken.objects.filter(device__user=site_admin).count() == 9


def test_a_network_administrator_without_a_device_must_enrol_everywhere(network):
    chief = new_person("tong-quan-tri", is_superuser=True, is_staff=True)
    for unit_key in ("province", "commune_b"):
        client = signed_in_with_password(network, unit_key, chief.username)
        assert client.get("/admin/")["Location"].startswith(ENROL)
        # The enrolment page itself cannot be skipped to reach the network console.
        assert client.get("/admin/portal_tenancy/unit/").status_code == 302


def test_editors_and_contributors_may_enrol_but_need_not(network):
    for role_key in ("editor", "contributor"):
        client = signed_in_with_password(
            network, "district_a", network.users[f"district_a_{role_key}"].username
        )
        assert client.get("/admin/pages/").status_code == 200
        assert "<svg" in client.get(ENROL).content.decode()


def test_an_editor_who_enrolled_is_asked_for_codes_too(network):
    editor = new_person("bien-tap-2fa", network.units["district_b"], roles.EDITOR)
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = signed_in_with_password(network, "district_b", editor.username)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    # Enrolling a second device does not bypass the code.
    assert client.get(ENROL)["Location"].startswith(VERIFY)


def test_the_setting_chooses_who_must_enrol(network, settings):
    settings.PORTAL_TWO_FACTOR_REQUIRED_FOR = ("network_admin",)
    site_admin = new_person("quan-tri-tuy-chon", network.units["district_b"], roles.SITE_ADMIN)
    client = signed_in_with_password(network, "district_b", site_admin.username)
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_count_toward_the_login_throttle(network, settings):
    settings.PORTAL_LOGIN_THROTTLE = {
        "account_failures": 3,
        "client_failures": 50,
        "window_seconds": 600,
    }
    admin = network.users["district_a_admin"]
    device = TOTPDevice.objects.get(user=admin)
    client = signed_in_with_password(network, "district_a", admin.username)
    for _ in range(3):
        assert client.post(VERIFY, {"code": wrong_code(device)}).status_code == 200
    # A correct password again does not reset the allowance for codes.
    client = signed_in_with_password(network, "district_a", admin.username)
    response = client.post(VERIFY, {"code": fresh_code(device)})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_reset_two_factor_removes_devices_and_is_audited(network, capsys):
    person = new_person("mat-dien-thoai", network.units["district_a"], roles.SITE_ADMIN)
    TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    client = client_for(network, "district_a", person)  # verified session
    assert client.get("/admin/").status_code == 200

    call_command("reset_two_factor", "MAT-DIEN-THOAI@example.vn")
    assert "1 device(s) removed" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=person).exists()
    # The session verified by the removed device now leads to enrolment.
    assert client.get("/admin/")["Location"].startswith(ENROL)
    entry = AuditEntry.objects.filter(action="two_factor.reset").latest("pk")
    assert entry.target == person.username and entry.actor_name.startswith("os:")
    # Nobody else's devices were touched.
    assert TOTPDevice.objects.filter(user=network.users["district_a_admin"]).exists()

    with pytest.raises(CommandError, match="No account"):
        call_command("reset_two_factor", "khong-co@example.vn")


def test_enrolment_in_the_public_schema_logs_no_errors(network, caplog):
    """Devices and backup codes live in the public schema, where Wagtail keeps no reference
    index."""
    from portal.accounts.two_factor import devices

    person = new_person("khong-loi", network.units["district_b"], roles.SITE_ADMIN)
    device = devices.pending_authenticator(person)
    assert len(devices.confirm(device, fresh_code(device))) == 10
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
