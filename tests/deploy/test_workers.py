"""gunicorn's workers under deploy/gunicorn.conf.py: what the master loaded is frozen out of
the workers' garbage collections, and the workers collect their own garbage."""

from __future__ import annotations

import subprocess
from pathlib import Path

import requests

from tests.operations.production_env import PYTHON, ROOT
from tests.operations.services import free_port, wait_for_port

CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def test_workers_collect_only_their_own_objects(tmp_path):
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "-c",
            str(CONFIG),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "tests.deploy.gc_probe:app",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, timeout=60, process=gunicorn)
        answers = [requests.get(f"http://127.0.0.1:{port}/", timeout=10).json() for _ in range(4)]
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        log.close()
    for answer in answers:
        assert answer["enabled"] is True
        # The probe's 10,000 dictionaries and everything else the master loaded.
        assert answer["frozen"] > 10_000
