"""Units of the benchmark database: the lasting fleet and the throwaway ones.

The fleet, 100 units under fleet.bench.localhost (a province and its
communes), stays between runs. The province and the first commune are
provisioned with provision(); the other communes get their own unit and
domain rows and a copy of the first commune's schema (pg_dump, renamed),
which takes a fraction of provision()'s time (docs/performance.md). A copy
is what provision() would have made, but for the Site's host name and home
page title, which are set afterwards.

Benchmarks that create units give them domains under a suffix of their own
and remove them afterwards with remove_units().
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pgserver
from django.db import connection, transaction
from django.db.models import Q

from portal.tenancy.models import Domain, Level, Unit
from portal.tenancy.provisioning import UnitSpec, provision
from portal.tenancy.schemas import schema_name_for_code

from . import database
from .common import say

SIZE = 100
SUFFIX = "fleet.bench.localhost"
CODE = "BF"
DROP_BATCH = 10  # schemas dropped per transaction: each takes a few hundred locks
PG_BIN = Path(pgserver.__file__).parent / "pginstall" / "bin"


def fleet_host(index: int) -> str:
    """Host of the fleet's unit number `index` (0 is the province)."""
    return f"{'tinh' if index == 0 else f'xa-{index:03d}'}.{SUFFIX}"


def _code(index: int) -> str:
    return CODE if index == 0 else f"{CODE}-{index:03d}"


def _name(index: int) -> str:
    return "Tỉnh Đo Tốc Độ" if index == 0 else f"Xã Đo Tốc Độ {index}"


def ensure_fleet(size: int = SIZE) -> None:
    """Create whichever of the fleet's first `size` units are missing."""
    existing = set(Unit.objects.filter(code__startswith=CODE).values_list("code", flat=True))
    missing = [i for i in range(size) if _code(i) not in existing]
    if not missing:
        return
    say(f"creating {len(missing)} fleet unit(s), kept for later runs…")
    for index in (i for i in missing if i < 2):
        parent = None if index == 0 else CODE
        level = "province" if index == 0 else "commune"
        provision(
            UnitSpec(_name(index), _code(index), level, [fleet_host(index)], parent_code=parent)
        )
    copies = [i for i in missing if i >= 2]
    if copies:
        dump = _dump(schema_name_for_code(_code(1)))
        for index in copies:
            _copy(dump, index)


def _dump(schema: str) -> str:
    return subprocess.run(
        [str(PG_BIN / "pg_dump"), "--schema", schema, "--no-owner", database.url()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _copy(dump: str, index: int) -> None:
    """Unit `index` as a copy of the first commune: its schema from `dump`, then its rows."""
    source = schema_name_for_code(_code(1))
    schema = schema_name_for_code(_code(index))
    script = "\n".join(
        [
            f'DROP SCHEMA IF EXISTS "{schema}" CASCADE;',
            re.sub(rf"\b{source}\b", schema, dump),
            f"UPDATE {schema}.wagtailcore_site"
            f" SET hostname = '{fleet_host(index)}', site_name = '{_name(index)}';",
            f"UPDATE {schema}.wagtailcore_page SET title = '{_name(index)}' WHERE depth = 2;",
        ]
    )
    subprocess.run(
        [str(PG_BIN / "psql"), "--quiet", "--set=ON_ERROR_STOP=1", database.url()],
        input=script,
        capture_output=True,
        text=True,
        check=True,
    )
    with transaction.atomic():
        parent = Unit.objects.get(code=CODE)
        unit = parent.add_child(
            instance=Unit(
                name=_name(index),
                code=_code(index),
                level=Level.objects.get(code="commune"),
                schema_name=schema,
            )
        )
        Domain.objects.create(domain=fleet_host(index), tenant=unit, is_primary=True)


def remove_units(domain_suffix: str) -> None:
    """Delete the units with a domain at or under `domain_suffix`, their subtrees and schemas."""
    under = Q(domains__domain=domain_suffix) | Q(domains__domain__endswith=f".{domain_suffix}")
    pks = set(Unit.objects.filter(under).values_list("pk", flat=True))
    if pks:
        with transaction.atomic():
            Unit.objects.filter(pk__in=pks).delete()  # treebeard: with their subtrees
    drop_orphan_schemas()


def drop_orphan_schemas() -> None:
    """Drop the unit schemas no unit owns (also those left by an interrupted run)."""
    owned = set(Unit.objects.values_list("schema_name", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, 'u_')")
        orphans = sorted(row[0] for row in cursor.fetchall() if row[0] not in owned)
    if orphans:
        say(f"dropping {len(orphans)} schema(s) of removed units…")
    for start in range(0, len(orphans), DROP_BATCH):
        batch = ", ".join(f'"{schema}"' for schema in orphans[start : start + DROP_BATCH])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA {batch} CASCADE")
