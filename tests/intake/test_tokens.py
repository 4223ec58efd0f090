"""Intake tokens: made on the command line or in the admin, shown once, stored hashed, revoked."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from portal.audit.models import AuditEntry
from sites.intake.models import IntakeToken
from tests.conftest import client_for

from .conftest import API, api_client

pytestmark = pytest.mark.django_db

ADMIN_PAGE = "/admin/ket-noi-van-ban/"


def run(*args) -> str:
    out = StringIO()
    call_command("intake_token", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_token_last_and_stores_only_its_hash(network):
    output = run("create", "--unit", "TN-HA", "--name", "IDOC Huyện ủy")
    secret = output.strip().splitlines()[-1].split()[-1]
    token = IntakeToken.objects.get(unit=network.unit("district_a"), name="IDOC Huyện ủy")
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(secret) > 40
    assert not IntakeToken.objects.filter(token_hash=secret).exists()
    assert secret not in str(list(IntakeToken.objects.values()))
    assert api_client(network, "district_a", secret).get(API).status_code == 200
    created = AuditEntry.objects.get(action="intake.token_created", details__token=token.pk)
    assert created.unit_code == "TN-HA" and secret not in str(created.details)

    listing = run("list", "--unit", "TN-HA")
    assert token.prefix in listing and secret not in listing and "active" in listing

    assert run("revoke", str(token.pk)).startswith(f"Token {token.pk}")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_client(network, "district_a", secret).get(API).status_code == 401
    assert (
        AuditEntry.objects.filter(action="intake.token_revoked", details__token=token.pk).count()
        == 1
    )
    with pytest.raises(CommandError):
        run("revoke", str(token.pk))
    assert (
        AuditEntry.objects.filter(action="intake.token_revoked", details__token=token.pk).count()
        == 1
    )


@pytest.mark.parametrize(
    "args",
    [
        ("create", "--unit", "KHONG-CO", "--name", "x"),
        ("create", "--unit", "TN-HA", "--name", " "),
        ("revoke", "999999"),
    ],
)
def test_the_command_refuses_bad_arguments(network, args):
    count = IntakeToken.objects.count()
    with pytest.raises(CommandError):
        run(*args)
    assert IntakeToken.objects.count() == count


def test_a_site_administrator_makes_a_token_and_sees_it_once(network):
    admin = network.users["district_a_admin"]
    client = client_for(network, "district_a", admin)
    answer = client.post(ADMIN_PAGE, {"name": "E-office"})
    assert answer.status_code == 200
    token = IntakeToken.objects.get(unit=network.unit("district_a"), name="E-office")
    page = answer.content.decode()
    start = page.index('class="token-secret">') + len('class="token-secret">')
    secret = page[start : page.index("<", start)]
    assert hashlib.sha256(secret.encode()).hexdigest() == token.token_hash
    assert token.created_by == admin
    again = client.get(ADMIN_PAGE).content.decode()
    assert secret not in again and token.prefix in again
    assert api_client(network, "district_a", secret).get(API).status_code == 200

    revoke = client.post(f"{ADMIN_PAGE}{token.pk}/thu-hoi/")
    assert revoke.status_code == 302 and revoke["Location"] == ADMIN_PAGE
    token.refresh_from_db()
    assert token.revoked_at is not None
    entry = AuditEntry.objects.get(action="intake.token_revoked", details__token=token.pk)
    assert entry.actor == admin


def test_network_administrators_may_too(network):
    client = client_for(network, "district_b", network.users["network_admin"])
    assert client.post(ADMIN_PAGE, {"name": "IDOC"}).status_code == 200
    assert IntakeToken.objects.filter(unit=network.unit("district_b"), name="IDOC").exists()


@pytest.mark.parametrize(
    ("user_key", "status"),
    [
        # Wagtail's admin sends people with a role back to its home page...
        ("district_a_editor", 302),
        ("district_a_contributor", 302),
        # ...and the portal refuses the admin to those without a role in the unit.
        ("district_b_admin", 403),
        ("staff_without_role", 403),
    ],
)
def test_others_may_not(network, user_key, status):
    client = client_for(network, "district_a", network.users[user_key])
    count = IntakeToken.objects.count()
    for answer in (client.post(ADMIN_PAGE, {"name": "Xâm nhập"}), client.get(ADMIN_PAGE)):
        assert answer.status_code == status
        if status == 302:
            assert answer["Location"] == "/admin/"
        assert b"token-secret" not in answer.content
    assert IntakeToken.objects.count() == count


def test_a_token_of_another_unit_cannot_be_revoked_from_here(network, token_of):
    secret = token_of("district_b")
    token = IntakeToken.objects.get(unit=network.unit("district_b"))
    client = client_for(network, "district_a", network.users["district_a_admin"])
    assert client.post(f"{ADMIN_PAGE}{token.pk}/thu-hoi/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_client(network, "district_b", secret).get(API).status_code == 200


def test_a_blank_or_long_name_is_refused_with_a_message(network):
    client = client_for(network, "district_a", network.users["district_a_admin"])
    count = IntakeToken.objects.count()
    for name in ("", "x" * 101):
        answer = client.post(ADMIN_PAGE, {"name": name})
        assert answer.status_code == 200 and "error-message" in answer.content.decode()
        assert 'class="token-secret"' not in answer.content.decode()
    assert IntakeToken.objects.count() == count
