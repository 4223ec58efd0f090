"""`migrate_schemas` when there is nothing to migrate, over the fleet of 100 units.

Measured: `manage.py migrate_schemas --noinput` as deployments run it, in a
subprocess: the public schema's migrate, then one query per schema to find
those with migrations left (none), then the template's preparation.
Baseline: the same command with `--all-schemas`, which runs Django's migrate
in every schema, as django-tenants' own migrate_schemas does.
"""

from __future__ import annotations

import os
import re

from django.conf import settings

from portal.tenancy.models import Unit

from .common import LOG_DIR, Figure, Goal, Report, manage, median, say

RUNS = 3


def _skipped(log: str) -> int:
    """How many schemas the command reported as up to date and skipped."""
    found = re.search(r"(\d+) schema\(s\) already up to date", (LOG_DIR / f"{log}.log").read_text())
    return int(found.group(1)) if found else 0


def run() -> Report:
    units = Unit.objects.count()
    schemas = units + 1  # and the template
    say(f"migrate_schemas over {schemas} schemas, {RUNS} times…")
    times = [manage("migrate_schemas", "--noinput", log=f"migrate-noop-{i}") for i in range(RUNS)]
    skipped = _skipped("migrate-noop-0")
    say("baseline: migrate_schemas --all-schemas (Django's migrate in every schema)…")
    baseline = manage("migrate_schemas", "--noinput", "--all-schemas", log="migrate-all-schemas")
    workers = settings.PORTAL_MIGRATION_WORKERS or os.cpu_count()
    return Report(
        title=f"migrate_noop — migrate_schemas with nothing to apply, {schemas} schemas",
        figures=[
            Figure(
                "migrate_schemas --noinput, median",
                median(times),
                "s",
                baseline,
                "--all-schemas, once",
                [Goal.at_most(60, "s")],
            )
        ],
        notes=[
            f"{units} units (the fleet) and the template schema; {skipped} of {schemas} "
            "schemas found up to date and skipped; the public schema always runs Django's migrate",
            "subprocesses (`manage.py ...`), so each time includes starting Django; "
            f"runs: {', '.join(f'{t:.1f}' for t in times)} s",
            f"baseline: the full set of {schemas} schemas, {workers} parallel workers "
            "(PORTAL_MIGRATION_WORKERS)",
        ],
    )
