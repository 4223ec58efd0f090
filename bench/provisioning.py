"""Provisioning a unit by cloning the template schema, against running every migration.

Measured: `portal.tenancy.provisioning.provision` for N communes of a new
province (unit row, domain, schema clone, default page tree, all in one
transaction), one after the other in one database session, with the
fleet's 100 units in the database. Baseline: what django-tenants does by
default for a new tenant, `CREATE SCHEMA` then `migrate_schemas --schema
<it>`: every migration on an empty schema (without unit row, domain or
pages, which gives the baseline the benefit of the doubt). Everything
created is removed afterwards.
"""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection

from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision

from .common import Figure, Goal, Report, Sample, measure, median, p90, say
from .units import remove_units

UNITS = 7
BASELINE_SCHEMAS = 2
SUFFIX = "prov.bench.localhost"
PROVINCE = "BP"


def provision_samples(count: int) -> list[Sample]:
    """What provision() cost for `count` communes of a new province, all removed afterwards.

    The province itself is provisioned first, untimed: it also warms up imports
    and the clone function.
    """
    remove_units(SUFFIX)
    try:
        provision(UnitSpec("Tỉnh Thử Khởi Tạo", PROVINCE, "province", [f"tinh.{SUFFIX}"]))
        samples = []
        for index in range(1, count + 1):
            spec = UnitSpec(
                f"Xã Thử Khởi Tạo {index}",
                f"{PROVINCE}-{index:03d}",
                "commune",
                [f"xa-{index:03d}.{SUFFIX}"],
                parent_code=PROVINCE,
            )
            samples.append(measure(lambda spec=spec: provision(spec)))
        return samples
    finally:
        remove_units(SUFFIX)


def _full_migration(schema: str) -> None:
    """django-tenants' TenantMixin.create_schema when there is no base schema to clone."""
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema}"')
    call_command("migrate_schemas", schema_name=schema, tenant=True, interactive=False, verbosity=0)
    connection.set_schema_to_public()


def run() -> Report:
    units_before = Unit.objects.count()
    say(f"provision() × {UNITS + 1}, then {BASELINE_SCHEMAS} full migrations (~1 min each)…")
    samples = provision_samples(UNITS)
    try:
        baseline = [
            measure(lambda i=i: _full_migration(f"u_bench_full_{i}"))
            for i in range(1, BASELINE_SCHEMAS + 1)
        ]
    finally:
        remove_units(SUFFIX)  # also drops these schemas, which no unit owns
    walls = [s.wall for s in samples]
    base_wall = median([s.wall for s in baseline])
    base_name = f"median of {BASELINE_SCHEMAS} full migrations"
    figures = [
        Figure(
            "provision, median",
            median(walls),
            "s",
            base_wall,
            base_name,
            [Goal.at_most(1.5, "s"), Goal.speedup_at_least(10)],
        ),
        Figure("provision, p90", p90(walls), "s", base_wall, base_name),
    ]
    if samples[0].cpu is not None:
        figures.append(
            Figure(
                "provision, CPU time, median",
                median([s.cpu for s in samples]),
                "CPU s",
                median([s.cpu for s in baseline]),
                base_name,
            )
        )
    return Report(
        title=f"provisioning — provision() of {UNITS} communes, {units_before} units already there",
        figures=figures,
        notes=[
            "provision(): unit row, domain, schema cloned from the template, default page "
            "tree and Site, in one transaction; no administrator account (admin_email unset)",
            "baseline: django-tenants' default tenant creation (CREATE SCHEMA + "
            "migrate_schemas --schema, every migration), without unit row or pages",
            "CPU time: this process plus the whole PostgreSQL server, a lower bound of the "
            "wall-clock time on an otherwise idle machine",
            f"wall-clock times: {', '.join(f'{t:.2f}' for t in walls)} s; baseline: "
            f"{', '.join(f'{s.wall:.1f}' for s in baseline)} s",
        ],
    )
