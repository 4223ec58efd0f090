"""PostgreSQL's client programs (pg_dump, pg_restore), chosen to match the server.

pg_dump refuses to dump a server newer than itself, so the first candidate whose
major version is at least the server's wins: PORTAL_PG_BIN_DIR, the binaries of
the embedded server's wheel (pgserver), Debian's /usr/lib/postgresql/*/bin,
then whatever is on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import connection


class ToolMissing(RuntimeError):
    pass


def _candidate_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("PORTAL_PG_BIN_DIR"):
        dirs.append(Path(os.environ["PORTAL_PG_BIN_DIR"]))
    try:
        import pgserver

        dirs.append(Path(pgserver.__file__).parent / "pginstall" / "bin")
    except ImportError:
        pass
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
        reverse=True,
    )
    return dirs + debian


def _major(program: Path) -> int | None:
    try:
        output = subprocess.run(
            [str(program), "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else None


def server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def find(name: str) -> Path:
    """The first `name` (pg_dump, pg_restore) able to work with the connected server."""
    needed = server_major()
    on_path = shutil.which(name)
    candidates = [folder / name for folder in _candidate_dirs()]
    if on_path:
        candidates.append(Path(on_path))
    for program in candidates:
        if program.is_file() and (_major(program) or 0) >= needed:
            return program
    raise ToolMissing(
        f"No {name} of PostgreSQL {needed} or later found; install postgresql-client-{needed} "
        f"or set PORTAL_PG_BIN_DIR to the folder holding it."
    )


def connection_env() -> dict[str, str]:
    """libpq environment variables for the default database."""
    settings_dict = connection.settings_dict
    options = settings_dict.get("OPTIONS") or {}
    env = dict(os.environ)
    mapping = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        # A socket folder comes as OPTIONS["host"] from URLs like postgresql://u@/db?host=/path.
        "PGHOST": settings_dict.get("HOST") or options.get("host"),
        "PGPORT": str(settings_dict.get("PORT") or options.get("port") or ""),
        "PGSSLMODE": options.get("sslmode"),
    }
    env.update({key: value for key, value in mapping.items() if value})
    return env


def run(name: str, *args: str, stdout=None) -> subprocess.CompletedProcess:
    """Run a client program against the default database; a failure raises with its message."""
    result = subprocess.run(
        [str(find(name)), *args],
        env=connection_env(),
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{name} failed: {result.stderr.decode(errors='replace').strip()}")
    return result
