"""The demo network served on a free port, and one page of each type on two portals.

Shared by `python -m tests.browser.screenshots` and `python -m tests.browser.quality`.
Needs the demo network (`make setup`); the server is `manage.py runserver`
with the development settings and DEBUG off, stopped when the `served()` block ends.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
PORTALS = {"tinh": "tinh.localhost", "xa": "dongxuan.localhost"}  # province, a commune
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class DemoPage:
    portal: str  # key of PORTALS
    kind: str  # home, section, article, ...
    url: str

    @property
    def name(self) -> str:
        return f"{self.portal}-{self.kind}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(port: int | None = None):
    """Run the demo network's server on `port` (a free one by default); yields the port."""
    port = port or free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT,
        # Pages as visitors get them: the unit's 404 page, not Django's debug page.
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "PORTAL_DEV_DEBUG": "false",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                fetch(f"http://{PORTALS['tinh']}:{port}/healthz")
                break
            except OSError as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    problem = f"The demo server did not start: {server.stderr.read()}"
                    raise RuntimeError(problem) from error
                time.sleep(0.5)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url: str) -> str:
    """The body of `url`, resolving *.localhost to this machine as browsers do."""
    parts = urlsplit(url)
    local = parts._replace(netloc=f"127.0.0.1:{parts.port or 80}").geturl()
    request = urllib.request.Request(local, headers={"Host": parts.netloc})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode()


def pages(port: int) -> list[DemoPage]:
    """Home, section, article, album, registry, document, search, feedback and 404 pages
    of the province and of a commune, found through each portal's sitemap; and the
    modules' pages: consultations (the list, the province's demo consultation with its
    form) and the work schedule's week."""
    found = []
    for key, host in PORTALS.items():
        base = f"http://{host}:{port}"
        sitemap = re.findall(r"<loc>([^<]+)</loc>", fetch(f"{base}/sitemap.xml"))
        paths = {
            "home": "/",
            "section": "/tin-tuc-su-kien/",
            "article": _first(sitemap, r"/tin-mau-01/$"),
            "album": _first(sitemap, r"/album-anh-mau/$"),
            "registry": "/van-ban/",
            "document": _first(sitemap, r"/van-ban/van-ban-mau-01/$"),
            "search": "/tim-kiem/?q=" + quote("chuyển đổi số"),
            "feedback": "/gop-y/",
            "404": "/trang-khong-co/",
            "consultations": "/gop-y-du-thao/",
            "schedule": "/lich-cong-tac/",
        }
        if key == "tinh":  # the demo's consultation is the province's
            paths["consultation"] = _first(sitemap, r"^/gop-y-du-thao/[^/]+/$")
        found += [DemoPage(key, kind, base + path) for kind, path in paths.items()]
    return found


def _first(locations: list[str], pattern: str) -> str:
    """The path of the first sitemap location whose path matches `pattern`."""
    return next(urlsplit(loc).path for loc in locations if re.search(pattern, urlsplit(loc).path))
