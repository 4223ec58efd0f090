"""`provision_province "Thành phố Hồ Chí Minh"`: a whole province, 169 units, from the register.

Measured: the command in a subprocess, as an operator runs it, with the
fleet's 100 units in the database. It is stopped once past the goal
(TIMEOUT) and the rest projected at the rate so far. Baseline: as many units
provisioned one after the other by provision() cloning the template (an
empty pool), i.e. (units) × the median of provision() measured just before
(with the fleet; a lower bound, since the command's last units find up to
168 more schemas in the database). The command itself clones spares in a
second session while it provisions (schema_pool.cloning_ahead). Every unit
created is removed afterwards.
"""

from __future__ import annotations

import re

from django.core.management import get_commands

from portal.tenancy.models import Unit

from .common import LOG_DIR, Figure, Goal, Report, manage, median, p90, say
from .provisioning import provision_samples
from .units import remove_units

PROVINCE = "Thành phố Hồ Chí Minh"
SUFFIX = "hcm.bench.localhost"
BASELINE_UNITS = 3
UNITS = 169  # the city and its 168 wards, communes and special zone
GOAL = 300
TIMEOUT = GOAL + 30
LOG = "provision-province"
TITLE = f"provision_province — “{PROVINCE}”"
CREATED_LINE = re.compile(r"\bcreated\b.*\((\d+(?:\.\d+)?) s\)\s*$", re.MULTILINE)


def _created_times() -> list[float]:
    """Per-unit seconds the command printed for the units it created."""
    return [float(s) for s in CREATED_LINE.findall((LOG_DIR / f"{LOG}.log").read_text())]


def run() -> Report:
    if "provision_province" not in get_commands():
        return Report(title=TITLE, notes=["skipped: command missing"])
    say(f"baseline: provision() of {BASELINE_UNITS} communes, cloned…")
    _pooled, cloned = provision_samples(BASELINE_UNITS)
    per_unit = median([s.wall for s in cloned])
    say(f"provision_province “{PROVINCE}” (~{UNITS} units, stopped after {TIMEOUT} s)…")
    remove_units(SUFFIX)
    try:
        args = ("provision_province", PROVINCE, "--domain-suffix", SUFFIX)
        try:
            seconds, stopped = manage(*args, log=LOG, timeout=TIMEOUT), False
        except TimeoutError:
            seconds, stopped = TIMEOUT, True
        units = Unit.objects.filter(domains__domain__endswith=SUFFIX).distinct().count()
    finally:
        remove_units(SUFFIX)
    created = _created_times()
    notes = [
        f'`manage.py provision_province "{PROVINCE}" --domain-suffix {SUFFIX}` in a '
        "subprocess (includes starting Django), the fleet's 100 units in the database",
        f"per unit, as the command printed them: median {median(created):.2f} s, "
        f"p90 {p90(created):.2f} s, first {created[0]:.2f} s, last {created[-1]:.2f} s, "
        f"over {len(created)} created"
        if created
        else "the command printed no per-unit times",
    ]
    if stopped:
        notes.append(
            f"stopped after {TIMEOUT} s; projected at its rate so far, a lower bound since "
            "each unit finds more schemas in the database"
        )
        name = f"provision_province, projected from {units}/{UNITS} units in {TIMEOUT} s"
        seconds = seconds * UNITS / max(units, 1)
        units = UNITS
    else:
        name = f"provision_province, {units} units"
    return Report(
        title=TITLE,
        figures=[
            Figure(
                name,
                seconds,
                "s",
                units * per_unit,
                f"{units} × provision() cloned, median {per_unit:.2f} s",
                [Goal.at_most(GOAL, "s")],
            )
        ],
        notes=notes,
    )
