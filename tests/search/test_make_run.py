"""`make serve` (what `make run` starts after its setup, as the README says): the web server and
every background worker, one command; a document imported while it runs becomes searchable by
the text of its file within seconds, on both engines; SIGINT stops every process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psutil
import pytest
from django.conf import settings
from django.db import connection

from ..operations.services import free_port, wait_for_port
from .elastic.node import empty_index

ROOT = Path(settings.BASE_DIR)
SEARCHABLE_WITHIN = 30.0


def database_url() -> str:
    """The test database as a URL the child processes connect to (host may be a socket folder)."""
    params = connection.get_connection_params()
    user = urllib.parse.quote(params.get("user") or "")
    password = params.get("password")
    secret = f":{urllib.parse.quote(password)}" if password else ""
    query = urllib.parse.urlencode(
        {"host": params.get("host") or "", "port": params.get("port") or ""}
    )
    return f"postgresql://{user}{secret}@/{params['dbname']}?{query}"


def child_environment(engine: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "ELASTICSEARCH_URL", "MAKEFLAGS", "MAKELEVEL")
    }
    env.update(DATABASE_URL=database_url(), PORTAL_SEARCH_INDEX=settings.PORTAL_SEARCH_INDEX)
    if engine == "elasticsearch":
        env["ELASTICSEARCH_URL"] = settings.ELASTICSEARCH_URL
    return env


def search_titles(port: int, host: str, word: str) -> list[str]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/search/?q={urllib.parse.quote(word)}", headers={"Host": host}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return [hit["title"] for hit in json.load(response)["results"]]


def write_document(folder: Path, word: str, number: str) -> Path:
    folder.mkdir()
    path = folder / "thong-bao.txt"
    path.write_text(
        "ĐẢNG BỘ TỈNH THỬ NGHIỆM\nTHÔNG BÁO\nVề việc triển khai phần mềm quản lý văn bản\n"
        f"Các chi bộ cài đặt ứng dụng {word} trên máy trạm trước ngày 15/6.\n",
        encoding="utf-8",
    )
    meta = {
        "number": number,
        "type": "Thông báo",
        "issuer": "Xã ủy Bình Minh",
        "signer": "Trần Thị Hoa",
        "issued": "2025-06-02",
        "abstract": "Triển khai phần mềm quản lý văn bản",
        "publish": True,
    }
    (folder / "thong-bao.txt.meta.json").write_text(json.dumps(meta, ensure_ascii=False))
    return path


# The children commit for real: the imported document is removed the same way afterwards.
DELETE_IMPORTED = """
from django_tenants.utils import schema_context
from portal.tenancy.models import Unit
from sites.models import DocumentPage
with schema_context(Unit.objects.get(code="TN-HB-X1").schema_name):
    for page in DocumentPage.objects.filter(number={number!r}):
        files = [attachment.document for attachment in page.attachments.all()]
        page.delete()
        for document in files:
            document.file.delete(save=False)
            document.delete()
"""


def manage(env: dict, *arguments: str) -> None:
    done = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ["postgres", "elasticsearch"])
def test_make_serve_makes_an_imported_file_searchable_and_sigint_stops_every_process(
    engine, network, tmp_path
):
    if engine == "elasticsearch":
        empty_index()
    env = child_environment(engine)
    port = free_port()
    word = f"Zenqua{uuid.uuid4().hex[:8]}"
    number = f"{uuid.uuid4().int % 90000 + 10000}-TB/XU"
    serve = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}", "HOST=127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for_port(port, timeout=60, process=serve)
        children = psutil.Process(serve.pid).children(recursive=True)
        commands = [" ".join(child.cmdline()) for child in children]
        expected = ["gunicorn", "run_periodic", "search_attachments --follow"]
        expected += ["search_index"] if engine == "elasticsearch" else []
        for part in expected:
            assert any(part in command for command in commands), (part, commands)
        if engine == "postgres":
            assert not any("search_index" in command for command in commands)

        folder = write_document(tmp_path / "nhap", word, number)
        manage(env, "import_documents", "--unit", "TN-HB-X1", str(folder))
        host = network.domains["commune_b"]
        deadline = time.monotonic() + SEARCHABLE_WITHIN
        titles: list[str] = []
        while time.monotonic() < deadline and not titles:
            time.sleep(1)
            titles = search_titles(port, host, word.lower())
        assert titles and number in titles[0], f"not found within {SEARCHABLE_WITHIN} s"
    finally:
        children = psutil.Process(serve.pid).children(recursive=True)
        os.killpg(serve.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the foreground group
        output, _ = serve.communicate(timeout=30)
        manage(env, "shell", "-c", DELETE_IMPORTED.format(number=number))
    assert serve.returncode is not None
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, (alive, output[-3000:])
