"""Shared fixtures: a small committed network of units for the whole session.

pytest-django migrates the test database once (public + template schema);
the units below are then provisioned by cloning, as in production, and
committed. Each test runs in a transaction on top of them, so units a test
provisions itself vanish with its rollback (PostgreSQL DDL is transactional).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context

from portal.accounts import roles, sessions
from portal.tenancy import routing
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision

PASSWORD = "mat-khau-thu-nghiem-2025"

NETWORK = [
    # key, name, code, level, parent key, domain
    ("province", "Tỉnh Thử Nghiệm", "TN", "province", None, "tinh.test.localhost"),
    ("district_a", "Huyện Núi Đỏ", "TN-HA", "district", "province", "huyen-a.test.localhost"),
    ("district_b", "Huyện Sông Xanh", "TN-HB", "district", "province", "huyen-b.test.localhost"),
    ("commune_a", "Xã Đồng Tâm", "TN-HA-X1", "commune", "district_a", "xa-a.test.localhost"),
    ("commune_b", "Xã Bình Minh", "TN-HB-X1", "commune", "district_b", "xa-b.test.localhost"),
]


@dataclass
class Network:
    units: dict[str, Unit]
    domains: dict[str, str]
    users: dict[str, object]

    def unit(self, key: str) -> Unit:
        return Unit.objects.get(pk=self.units[key].pk)


def _make_user(username: str, **extra):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username=username, email=f"{username}@example.vn", password=PASSWORD, **extra
    )


@pytest.fixture(scope="session")
def network(django_db_setup, django_db_blocker) -> Network:
    with django_db_blocker.unblock():
        units, domains = {}, {}
        codes = {}
        for key, name, code, level, parent_key, domain in NETWORK:
            result = provision(
                UnitSpec(name, code, level, [domain], parent_code=codes.get(parent_key))
            )
            units[key], domains[key], codes[key] = result.unit, domain, code
        users = {
            "network_admin": _make_user("network-admin", is_superuser=True, is_staff=True),
            "staff_without_role": _make_user("staff-no-role", is_staff=True),
        }
        for unit_key in ("district_a", "district_b"):
            for role_key, role in (
                ("admin", roles.SITE_ADMIN),
                ("editor", roles.EDITOR),
                ("contributor", roles.CONTRIBUTOR),
            ):
                user = _make_user(f"{unit_key}-{role_key}")
                with schema_context(units[unit_key].schema_name):
                    roles.grant(user, role)
                users[f"{unit_key}_{role_key}"] = user
        # Administrators must use two-factor sign-in: theirs is an authenticator app.
        for key, user in users.items():
            if key == "network_admin" or key.endswith("_admin"):
                TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
        connection.set_schema_to_public()
    return Network(units=units, domains=domains, users=users)


@pytest.fixture(autouse=True)
def _public_schema_and_clean_cache():
    """Every test starts and ends in the public schema with empty caches, in Vietnamese."""
    connection.set_schema_to_public()
    cache.clear()
    routing.invalidate()
    translation.activate(settings.LANGUAGE_CODE)  # a command may have switched to English
    yield
    connection.set_schema_to_public()
    cache.clear()


def client_for(network: Network, unit_key: str, user=None) -> Client:
    """A test client that talks to one unit's portal, optionally signed in."""
    client = Client(HTTP_HOST=network.domains[unit_key])
    if user is not None:
        client.force_login(user)
        bind_session(client, network.units[unit_key])
        mark_verified(client, user)
    return client


def bind_session(client: Client, unit) -> None:
    """What signing in on the unit's host does to the session (force_login has no host)."""
    session = client.session
    sessions.bind(session, unit)
    session.save()


def mark_verified(client: Client, user) -> None:
    """Like force_login for the second factor: the session counts as verified by the
    user's authenticator, if they have one (tests/accounts/test_two_factor.py goes
    through the real code page)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def client_for_host(host: str) -> Client:
    """A test client for a host name that is not one of the session network's."""
    return Client(HTTP_HOST=host)
