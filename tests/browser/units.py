"""Committed units of their own for browser tests that need content the live server can see.

The live server never sees a test's transaction, so content for it is
committed; it goes into a fresh unit (random code and domain) so that the
session network's units, which other tests count pages in, stay as they were.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django_tenants.utils import schema_context

from portal.accounts import roles
from portal.publications.models import Publication
from portal.tenancy import routing
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision
from tests.conftest import PASSWORD


@dataclass
class FreshUnit:
    unit: Unit
    domain: str
    users: dict[str, str]  # role key -> username


def provision_fresh_unit(
    parent: Unit, label: str, role_keys=("editor", "contributor")
) -> FreshUnit:
    """A commune under `parent` with one account per role key; call with database access
    unblocked."""
    token = secrets.token_hex(3)
    code = f"{parent.code}-{label.upper()}{token.upper()}"
    domain = f"{label}-{token}.test.localhost"
    unit = provision(
        UnitSpec(
            f"Xã {label.title()} {token.upper()}",
            code,
            "commune",
            [domain],
            parent_code=parent.code,
        )
    ).unit
    role_names = {
        "editor": roles.EDITOR,
        "contributor": roles.CONTRIBUTOR,
        "admin": roles.SITE_ADMIN,
    }
    users = {}
    for key in role_keys:
        username = f"{label}-{key}-{token}"
        user = get_user_model().objects.create_user(username, f"{username}@example.vn", PASSWORD)
        with schema_context(unit.schema_name):
            roles.grant(user, role_names[key])
        users[key] = username
    return FreshUnit(unit=unit, domain=domain, users=users)


def remove_committed_units(*units: Unit) -> None:
    """Delete committed units for good: rows (ledger, activations... cascade), subtrees, schemas.

    Later tests count units, ledger rows and the outbox network-wide; call with
    database access unblocked.
    """
    connection.set_schema_to_public()
    with transaction.atomic():
        doomed = Unit.objects.filter(pk__in=[unit.pk for unit in units])
        schemas = set()
        for unit in doomed:
            schemas.update(u.schema_name for u in Unit.get_tree(unit))
        Publication.objects.filter(unit__schema_name__in=schemas).delete()
        Unit.objects.filter(schema_name__in=schemas).delete()
        with connection.cursor() as cursor:
            for schema in sorted(schemas):
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    routing.invalidate()
