"""`python -m bench [name ...]`: run the benchmarks (all by default) and print their tables."""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import subprocess
import time
from datetime import date

from . import database
from .common import SETTINGS, manage, say

# Benchmark name -> module of this package whose run() returns a Report.
BENCHMARKS = {
    "provisioning": "provisioning",
    "migrate_noop": "migrations",
    "routing": "routing",
    "provision_province": "province",
    "pages": "pages",
    "visits": "visits",
    "syndication": "syndication",
    "plugins": "plugins",
    "search_es": "search_es",
    "search_pg": "search_pg",
    "relevance": "relevance",
    "load": "load",
    "national": "national",
    "es_cluster": "es_cluster",
    "replica": "replica",
}
# Benchmarks that bring their own rows or units and need no fleet of units.
WITHOUT_FLEET = {"relevance", "national", "es_cluster"}
# Benchmarks run only when named: the whole register takes an hour or more.
ONLY_BY_NAME = {"national"}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="name", help=f"among: {', '.join(BENCHMARKS)}")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start from an empty benchmark database (after migrations were rewritten)",
    )
    args = parser.parse_args()
    names = args.names or [name for name in BENCHMARKS if name not in ONLY_BY_NAME]
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        parser.error(
            f"unknown benchmark(s) {', '.join(unknown)}; choose among {', '.join(BENCHMARKS)}"
        )

    if args.fresh:
        database.reset()
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    try:
        run(names)
    finally:
        database.stop()


def _load() -> str:
    """The machine's load average: other work on it disturbs wall-clock figures."""
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def run(names: list[str]) -> None:
    """Bring the benchmark database up to date (migrations, fleet), then run `names`."""
    from .units import ensure_fleet  # needs Django set up

    started = time.perf_counter()
    say("migrating the benchmark database…")
    manage("migrate_schemas", "--noinput", log="setup-migrate")
    if set(names) - WITHOUT_FLEET:
        ensure_fleet()
    revision = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True
    ).stdout.strip()
    print(
        f"# Benchmarks {date.today()}, revision {revision or '?'}, on {platform.node()}: "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average at start {_load()}\n",
        flush=True,
    )
    missed = []
    for name in names:
        say(f"{name}…")
        report = importlib.import_module(f"bench.{BENCHMARKS[name]}").run()
        print(f"{report.table()}\n- load average after: {_load()}\n", flush=True)
        missed += [f"{name}: {figure.name}" for figure in report.missed]
    print("Missed goals: " + "; ".join(missed) if missed else "Every goal met.")
    say(f"done in {(time.perf_counter() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
