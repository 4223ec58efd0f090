"""Provisioning a unit, against running every migration.

Measured: `portal.tenancy.provisioning.provision` for communes of a new
province (unit row, domain, schema, default page tree, all in one
transaction), one after the other in one database session, with the fleet's
100 units in the database, in the two ways it gets its schema:
- from the pool: a spare schema, cloned ahead of time, is renamed (the pool is
  topped up between samples, untimed, as the background refill does);
- cloned: the pool is empty and the template schema is cloned there and then.
Baseline: what django-tenants does by default for a new tenant, `CREATE
SCHEMA` then `migrate_schemas --schema <it>`: every migration on an empty
schema (without unit row, domain or pages, which gives the baseline the
benefit of the doubt). Everything created is removed afterwards.
"""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection

from portal.tenancy import schema_pool
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision

from .common import Figure, Goal, Report, Sample, measure, median, p90, say
from .units import remove_units

UNITS = 7  # per way of getting the schema
BASELINE_SCHEMAS = 2
SUFFIX = "prov.bench.localhost"
PROVINCE = "BP"


def provision_samples(count: int) -> tuple[list[Sample], list[Sample]]:
    """What provision() cost for `count` communes from the pool and `count` cloned.

    The province itself is provisioned first, untimed: it also warms up imports
    and the clone function. Everything is removed afterwards and the pool
    refilled.
    """
    remove_units(SUFFIX)
    try:
        # No background refill: it would put spares back under the "cloned" samples.
        provision(
            UnitSpec("Tỉnh Thử Khởi Tạo", PROVINCE, "province", [f"tinh.{SUFFIX}"]),
            refill_pool=False,
        )
        pooled, cloned = [], []
        for index in range(1, 2 * count + 1):
            spec = UnitSpec(
                f"Xã Thử Khởi Tạo {index}",
                f"{PROVINCE}-{index:03d}",
                "commune",
                [f"xa-{index:03d}.{SUFFIX}"],
                parent_code=PROVINCE,
            )
            from_pool = index % 2 == 1  # alternate, so both suffer the same disturbances
            if from_pool:
                schema_pool.fill(1)
            else:
                schema_pool.trim(0)
            sample = measure(lambda spec=spec: provision(spec, refill_pool=False))
            (pooled if from_pool else cloned).append(sample)
        return pooled, cloned
    finally:
        remove_units(SUFFIX)
        schema_pool.fill()


def _full_migration(schema: str) -> None:
    """django-tenants' TenantMixin.create_schema when there is no base schema to clone."""
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema}"')
    call_command("migrate_schemas", schema_name=schema, tenant=True, interactive=False, verbosity=0)
    connection.set_schema_to_public()


def run() -> Report:
    units_before = Unit.objects.count()
    say(f"provision() × {2 * UNITS + 1}, then {BASELINE_SCHEMAS} full migrations (~1 min each)…")
    pooled, cloned = provision_samples(UNITS)
    try:
        baseline = [
            measure(lambda i=i: _full_migration(f"u_bench_full_{i}"))
            for i in range(1, BASELINE_SCHEMAS + 1)
        ]
    finally:
        remove_units(SUFFIX)  # also drops these schemas, which no unit owns
    base_wall = median([s.wall for s in baseline])
    base_name = f"median of {BASELINE_SCHEMAS} full migrations"
    figures = []
    for label, samples, goals in (
        ("from the pool", pooled, [Goal.at_most(1.5, "s"), Goal.speedup_at_least(10)]),
        ("cloned", cloned, []),
    ):
        walls = [s.wall for s in samples]
        figures.append(
            Figure(f"provision, {label}, median", median(walls), "s", base_wall, base_name, goals)
        )
        figures.append(Figure(f"provision, {label}, p90", p90(walls), "s", base_wall, base_name))
        if samples[0].cpu is not None:
            figures.append(
                Figure(
                    f"provision, {label}, CPU time, median",
                    median([s.cpu for s in samples]),
                    "CPU s",
                    median([s.cpu for s in baseline]),
                    base_name,
                )
            )
    return Report(
        title=(
            f"provisioning — provision() of {2 * UNITS} communes,"
            f" {units_before} units already there"
        ),
        figures=figures,
        notes=[
            "provision(): unit row, domain, schema, default page tree and Site, in one "
            "transaction; no administrator account (admin_email unset)",
            "from the pool: a spare schema cloned ahead of time is renamed (topped up between "
            "samples, untimed); cloned: the pool is empty and the template is cloned",
            "baseline: django-tenants' default tenant creation (CREATE SCHEMA + "
            "migrate_schemas --schema, every migration), without unit row or pages",
            "CPU time: this process plus the whole PostgreSQL server, a lower bound of the "
            "wall-clock time on an otherwise idle machine",
            "wall-clock times, from the pool: "
            + ", ".join(f"{s.wall:.2f}" for s in pooled)
            + " s; cloned: "
            + ", ".join(f"{s.wall:.2f}" for s in cloned)
            + " s; baseline: "
            + ", ".join(f"{s.wall:.1f}" for s in baseline)
            + " s",
        ],
    )
