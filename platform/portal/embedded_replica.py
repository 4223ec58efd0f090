"""A streaming replica of the embedded PostgreSQL, for development, tests and the bench.

    python platform/portal/embedded_replica.py start   # copy the primary once, start; print its URL
    python platform/portal/embedded_replica.py stop    # stop it (its data and slot stay)
    python platform/portal/embedded_replica.py remove  # stop it, delete its data and its slot

The first start copies the running primary (var/pgdata) with pg_basebackup into
var/pgreplica: `-R` writes standby.signal and primary_conninfo, `-C -S` creates a
physical replication slot so the primary keeps the WAL the replica has not received.
Later starts only start the copy, which catches up from the slot. Like the primary,
the replica listens on a Unix socket in its own folder only. Every command is safe
to repeat.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

from portal import embedded_db

SLOT_NAME = "portal_replica"
# Seen in the primary's pg_stat_replication and the replica's pg_stat_wal_receiver.
APPLICATION_NAME = "portal_replica"
START_TIMEOUT_SECONDS = 120
# The first copy reads the whole primary: the benchmark's server with its fleet is gigabytes.
COPY_TIMEOUT_SECONDS = 3600


def data_dir(base_dir: Path) -> Path:
    return Path(os.environ.get("PORTAL_REPLICA_PGDATA", base_dir / "var" / "pgreplica"))


def _binary(name: str) -> str:
    from pgserver._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def _owner(primary: Path) -> str | None:
    """The primary's owner: PostgreSQL refuses to run as root (pgserver runs it as its own user)."""
    return pwd.getpwuid(primary.stat().st_uid).pw_name if os.geteuid() == 0 else None


def _run(owner: str | None, *command: str, timeout: float = START_TIMEOUT_SECONDS) -> str:
    result = subprocess.run(command, user=owner, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
    return result.stdout


def _primary_sql(primary: Path, owner: str | None, sql: str) -> str:
    return _run(owner, _binary("psql"), "-h", str(primary), "-U", "postgres", "-XAtc", sql).strip()


def ensure_running(base_dir: Path) -> str:
    """Start the replica (copying the primary first if there is no copy) and return its URL."""
    embedded_db.ensure_running(base_dir)
    primary, replica = embedded_db.data_dir(base_dir), data_dir(base_dir)
    owner = _owner(primary)
    if not embedded_db._server_running(replica):
        # pg_basebackup writes the manifest last: without it the copy is unfinished.
        if not (replica / "backup_manifest").exists():
            _copy_primary(primary, replica, owner)
        _run(
            owner,
            _binary("pg_ctl"),
            "-D",
            str(replica),
            "-w",
            "-t",
            str(START_TIMEOUT_SECONDS),
            "-o",
            '-h ""',
            "-o",
            f"-k {replica}",
            # The first start after a copy syncs the whole folder: one syncfs, not a
            # fsync per file (minutes for the benchmark's gigabyte).
            "-o",
            "-c recovery_init_sync_method=syncfs",
            "-l",
            str(replica / "log"),
            "start",
        )
    _wait_until_streaming(primary, owner)
    return url(base_dir)


def url(base_dir: Path) -> str:
    return f"postgresql://postgres@/{embedded_db.DATABASE_NAME}?host={data_dir(base_dir)}"


def _copy_primary(primary: Path, replica: Path, owner: str | None) -> None:
    # A half-made copy (an interrupted first start) is useless: start over, slot included.
    shutil.rmtree(replica, ignore_errors=True)
    _drop_slot(primary, owner)
    # Made here and handed to the server's user, who may not write in var/ (pg_basebackup
    # fills an existing empty folder).
    replica.mkdir(parents=True, mode=0o700)
    if owner is not None:
        shutil.chown(replica, owner, owner)
    _run(
        owner,
        _binary("pg_basebackup"),
        "-h",
        str(primary),
        "-U",
        "postgres",
        "-D",
        str(replica),
        "-X",
        "stream",
        "-R",
        "-C",
        "-S",
        SLOT_NAME,
        "--checkpoint=fast",
        "-d",
        f"application_name={APPLICATION_NAME}",
        timeout=COPY_TIMEOUT_SECONDS,
    )
    # The primary's socket lives in its data folder: the copy carries its lock file (which
    # would stop the replica from starting), pgserver's bookkeeping and the primary's logs.
    for leftover in (".s.PGSQL.5432.lock", ".handle_pids.json", "log", "restart.log"):
        (replica / leftover).unlink(missing_ok=True)


def _wait_until_streaming(primary: Path, owner: str | None) -> None:
    sql = (
        "SELECT count(*) FROM pg_stat_replication "
        f"WHERE application_name = '{APPLICATION_NAME}' AND state = 'streaming'"
    )
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while _primary_sql(primary, owner, sql) != "1":
        if time.monotonic() > deadline:
            raise RuntimeError("the replica started but does not stream from the primary")
        time.sleep(0.2)


def _drop_slot(primary: Path, owner: str | None) -> None:
    _primary_sql(
        primary,
        owner,
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
        f"WHERE slot_name = '{SLOT_NAME}' AND NOT active",
    )


def stop(base_dir: Path) -> None:
    replica = data_dir(base_dir)
    if embedded_db._server_running(replica):
        owner = _owner(replica)
        _run(owner, _binary("pg_ctl"), "-D", str(replica), "-w", "stop", "-m", "fast")


def remove(base_dir: Path) -> None:
    """Stop the replica and forget it: the primary must not keep WAL for a copy that is gone."""
    stop(base_dir)
    shutil.rmtree(data_dir(base_dir), ignore_errors=True)
    primary = embedded_db.data_dir(base_dir)
    if embedded_db._server_running(primary):
        _drop_slot(primary, _owner(primary))


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parents[2]
    actions = {"stop": stop, "remove": remove}
    if sys.argv[1:] in ([], ["start"]):
        sys.stdout.write(ensure_running(root) + "\n")
    elif len(sys.argv) == 2 and sys.argv[1] in actions:
        actions[sys.argv[1]](root)
    else:
        sys.exit("usage: embedded_replica.py [start|stop|remove]")
