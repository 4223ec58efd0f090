"""The embedded PostgreSQL is restarted when its pid file outlived it (a reboot, a crash)."""

import os
import socket
from pathlib import Path

import pytest
from django.db import connection

from portal import embedded_db


def fake_data_dir(tmp_path: Path, pid: int) -> Path:
    (tmp_path / "postmaster.pid").write_text(f"{pid}\n{tmp_path}\n")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / ".s.PGSQL.5432"))
    listener.close()
    return tmp_path


def test_pid_file_of_a_process_that_is_not_postgres_is_stale(tmp_path):
    assert not embedded_db._server_running(fake_data_dir(tmp_path, os.getpid()))


def test_pid_file_of_a_vanished_process_is_stale(tmp_path):
    assert not embedded_db._server_running(fake_data_dir(tmp_path, 2**22 + 12345))


@pytest.mark.django_db
def test_pid_file_of_a_live_postgres_process_is_current(tmp_path):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")  # a process of the test database's server
        (pid,) = cursor.fetchone()
    assert embedded_db._server_running(fake_data_dir(tmp_path, pid))
