"""The embedded PostgreSQL used when no DATABASE_URL is configured.

pgserver ships PostgreSQL binaries in a wheel and runs a private server in a
folder. The server is left running between commands (like any local database)
and reused by every process that finds it; `make stop-db` stops it.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_NAME = "portal"
# Cloning a schema takes a lock per table, index and sequence; a transaction
# that provisions many units at once (a province's communes in a test) needs
# far more than PostgreSQL's default of 64.
MAX_LOCKS_PER_TRANSACTION = 1024


def data_dir(base_dir: Path) -> Path:
    return Path(os.environ.get("PORTAL_PGDATA", base_dir / "var" / "pgdata"))


def _server_running(pgdata: Path) -> bool:
    """Whether the server that wrote postmaster.pid is alive.

    After a reboot or a crash the pid file and the socket stay behind; trusting
    them would hand out a URL nobody answers.
    """
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return False
    command = Path(f"/proc/{pid}/comm")
    try:
        # After a reboot the old pid may belong to anything.
        alive = command.read_text().strip().startswith("postgres")
    except OSError:
        return False
    return alive and (pgdata / ".s.PGSQL.5432").exists()


def ensure_running(base_dir: Path) -> str:
    """Start the embedded server if needed and return a URL for our database."""
    pgdata = data_dir(base_dir)
    if not _server_running(pgdata):
        import pgserver

        pgdata.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(pgdata, cleanup_mode=None)
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        _ensure_lock_capacity(server, pgdata)
    return f"postgresql://postgres@/{DATABASE_NAME}?host={pgdata}"


def _pg_ctl(pgdata: Path, *args: str) -> None:
    """pg_ctl as the data folder's owner (pgserver runs the server as its own user under root)."""
    import os
    import pwd

    from pgserver._commands import pg_ctl

    user = pwd.getpwuid(pgdata.stat().st_uid).pw_name if os.geteuid() == 0 else None
    pg_ctl(["-w", "-t", "120", *args], pgdata=pgdata, user=user, timeout=150)


def _ensure_lock_capacity(server, pgdata: Path) -> None:
    if f" {MAX_LOCKS_PER_TRANSACTION}\n" in server.psql("SHOW max_locks_per_transaction;"):
        return
    server.psql(f"ALTER SYSTEM SET max_locks_per_transaction = {MAX_LOCKS_PER_TRANSACTION};")
    _pg_ctl(pgdata, "-l", str(pgdata / "restart.log"), "restart", "-m", "fast")


def stop(base_dir: Path) -> None:
    pgdata = data_dir(base_dir)
    if (pgdata / "postmaster.pid").exists():
        _pg_ctl(pgdata, "stop", "-m", "fast")


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parents[2]
    if sys.argv[1:] == ["stop"]:
        stop(root)
    else:
        print(ensure_running(root))
