"""The throwaway benchmark database: an embedded PostgreSQL server of its own.

It is the product's embedded server (portal.embedded_db, same configuration)
in another folder, var/bench/pgdata, selected with PORTAL_PGDATA, which the
benchmark's subprocesses inherit. A server of its own, not just a database
next to the dev one: other work on the dev server (test suites holding
thousands of locks, say) must neither slow the benchmarks down nor make them
fail, the dev data stays untouched, and the server's CPU time is the
benchmarks' own. PORTAL_BENCH_DATABASE_URL names another, existing database
instead (then no server CPU time is reported).

Kept free of Django imports: the settings modules use it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from portal import embedded_db

from .processes import tree_cpu

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "var" / "bench" / "pgdata"


def _own_server() -> bool:
    return not os.environ.get("PORTAL_BENCH_DATABASE_URL")


def url() -> str:
    """URL of the benchmark database, starting its server and creating it if needed."""
    if not _own_server():
        return os.environ["PORTAL_BENCH_DATABASE_URL"]
    os.environ["PORTAL_PGDATA"] = str(DATA_DIR)
    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    return embedded_db.ensure_running(PROJECT_DIR)


def server_cpu(data_dir: Path = DATA_DIR) -> float | None:
    """CPU seconds the benchmark's server (or the one in `data_dir`, its replica) has used so
    far, all its processes, ended ones too.

    None when the database is not our own server.
    """
    if not _own_server():
        return None
    return tree_cpu(int((data_dir / "postmaster.pid").read_text().split()[0]))


def stop() -> None:
    """Stop the benchmark's server, if it has one."""
    if _own_server() and os.environ.get("PORTAL_PGDATA") == str(DATA_DIR):
        embedded_db.stop(PROJECT_DIR)


def reset() -> None:
    """Delete the benchmark's server and data: the next url() starts from an empty database.

    For when migrations were rewritten rather than added (the fleet and the
    template would keep the old tables).
    """
    if not _own_server():
        raise SystemExit("--fresh applies to the benchmark's own server only")
    os.environ["PORTAL_PGDATA"] = str(DATA_DIR)
    stop()
    shutil.rmtree(DATA_DIR, ignore_errors=True)
