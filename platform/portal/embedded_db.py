"""The embedded PostgreSQL used when no DATABASE_URL is configured.

pgserver ships PostgreSQL binaries in a wheel and runs a private server in a
folder. The server is left running between commands (like any local database)
and reused by every process that finds it; `make stop-db` stops it.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_NAME = "portal"


def data_dir(base_dir: Path) -> Path:
    return Path(os.environ.get("PORTAL_PGDATA", base_dir / "var" / "pgdata"))


def _socket_ready(pgdata: Path) -> bool:
    return (pgdata / "postmaster.pid").exists() and (pgdata / ".s.PGSQL.5432").exists()


def ensure_running(base_dir: Path) -> str:
    """Start the embedded server if needed and return a URL for our database."""
    pgdata = data_dir(base_dir)
    if not _socket_ready(pgdata):
        import pgserver

        pgdata.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(pgdata, cleanup_mode=None)
        exists = server.psql(
            f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"
        )
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return f"postgresql://postgres@/{DATABASE_NAME}?host={pgdata}"


def stop(base_dir: Path) -> None:
    import subprocess

    import pgserver

    pgdata = data_dir(base_dir)
    if (pgdata / "postmaster.pid").exists():
        pg_ctl = Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_ctl"
        subprocess.run([str(pg_ctl), "-D", str(pgdata), "stop", "-m", "fast"], check=False)


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parents[2]
    if sys.argv[1:] == ["stop"]:
        stop(root)
    else:
        print(ensure_running(root))
