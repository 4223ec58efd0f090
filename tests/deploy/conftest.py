"""The deploy stack for real: nginx (Debian's) -> gunicorn (production settings)
-> PostgreSQL and Redis."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path
from string import Template

import pytest
import requests
from django.db import connection

from portal.settings.caches import redis_cache
from tests.operations.production_env import PYTHON, ROOT, production_env
from tests.operations.services import RedisServer, free_port, wait_for_port

DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # sbin may be off PATH
NGINX_MAIN = """
{modules}
user root;
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections {connections}; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    {http_extra}
    access_log {access_log};
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {nginx_dir}/portal.conf;
}}
"""


# Debian's cache purge module (libnginx-mod-http-cache-purge), for the frontend cache.
CACHE_PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def _render_folder(source: Path, variables: dict[str, str], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for template in source.glob("*.template"):
        text = Template(template.read_text()).safe_substitute(variables)
        (target / template.name.removesuffix(".template")).write_text(text)


def render_nginx(
    variables: dict[str, str],
    target: Path,
    frontend_cache: bool = False,
    *,
    workers: str = "1",
    connections: int = 256,
    access_log: str = "",
    http_extra: str = "",
) -> Path:
    """The deploy templates rendered as envsubst would, into `target`; returns nginx.conf.

    With `frontend_cache`, the optional frontend-cache snippet too (and its module loaded).
    The other options shape the main file (the load benchmark's nginx is bigger);
    `access_log` is the directive's arguments, by default a full log in `target`
    (never "off" with the frontend cache: that would silence its log of cached views).
    """
    (target / "units").mkdir(parents=True, exist_ok=True)
    _render_folder(DEPLOY / "nginx" / "templates", variables, target)
    modules = ""
    if frontend_cache:
        if not CACHE_PURGE_MODULE.is_file():
            raise RuntimeError("the cache purge module is missing: run `make system-deps` as root")
        view_log = str(target / "cached-views.log")
        variables = {"PORTAL_FRONTEND_CACHE_VIEW_LOG": view_log, **variables}
        _render_folder(DEPLOY / "nginx" / "frontend-cache", variables, target / "frontend-cache")
        modules = f"load_module {CACHE_PURGE_MODULE};"
    unit_variables = {
        **variables,
        "UNIT_DOMAIN": "cong-rieng.example.vn",
        "UNIT_TLS_CERT": variables["PORTAL_TLS_CERT"],
        "UNIT_TLS_KEY": variables["PORTAL_TLS_KEY"],
    }
    unit_template = (DEPLOY / "nginx" / "unit-domain.conf.template").read_text()
    (target / "units" / "cong-rieng.example.vn.conf").write_text(
        Template(unit_template).safe_substitute(unit_variables)
    )
    main = target / "nginx.conf"
    main.write_text(
        NGINX_MAIN.format(
            tmp=target,
            nginx_dir=target,
            modules=modules,
            workers=workers,
            connections=connections,
            access_log=access_log or f"{target}/nginx-access.log",
            http_extra=http_extra,
        )
    )
    return main


def self_signed_certificate(folder: Path, domain: str) -> tuple[Path, Path]:
    cert, key = folder / "wildcard.crt", folder / "wildcard.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            f"/CN={domain}",
            "-addext",
            f"subjectAltName=DNS:{domain},DNS:*.{domain}",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def nginx_variables(tmp: Path, upstream: str, http_port: int, https_port: int) -> dict[str, str]:
    cert, key = self_signed_certificate(tmp, "test.localhost")
    return {
        "PORTAL_DOMAIN": "test.localhost",
        "PORTAL_TLS_CERT": str(cert),
        "PORTAL_TLS_KEY": str(key),
        "PORTAL_UPSTREAM": upstream,
        "PORTAL_HTTP_LISTEN": f"127.0.0.1:{http_port}",
        "PORTAL_HTTPS_LISTEN": f"127.0.0.1:{https_port}",
        "PORTAL_NGINX_DIR": str(tmp / "nginx"),
        "PORTAL_STATIC_ROOT": str(tmp / "static"),
        "PORTAL_MEDIA_ROOT": str(tmp / "media"),
        "PORTAL_ACME_ROOT": str(tmp / "acme"),
    }


def nginx_test(main: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NGINX, "-t", "-c", str(main), "-p", str(main.parent)], capture_output=True, text=True
    )


def database_url() -> str:
    """The test database, for processes started by the tests."""
    settings_dict = connection.settings_dict
    host = settings_dict.get("HOST") or (settings_dict.get("OPTIONS") or {}).get("host", "")
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    if host.startswith("/"):
        return f"postgresql://{user}{password}@/{settings_dict['NAME']}?host={host}"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{settings_dict['NAME']}"


class Stack:
    def __init__(self, tmp: Path, frontend_cache: bool = False):
        if not Path(NGINX).is_file():
            raise RuntimeError("nginx is missing: run `make system-deps` as root")
        self.tmp = tmp
        self.frontend_cache = frontend_cache
        self.processes: list[subprocess.Popen] = []
        self.redis = RedisServer(tmp / "redis")
        self.gunicorn_port, self.http_port, self.https_port = free_port(), free_port(), free_port()
        self.variables = nginx_variables(
            tmp, f"127.0.0.1:{self.gunicorn_port}", self.http_port, self.https_port
        )
        self.purge_port = free_port()
        self.variables.update(
            PORTAL_FRONTEND_CACHE_PATH=str(tmp / "frontend-cache"),
            PORTAL_FRONTEND_CACHE_VALID="10m",
            PORTAL_FRONTEND_CACHE_PURGE_LISTEN=f"127.0.0.1:{self.purge_port}",
            PORTAL_FRONTEND_CACHE_PURGE_ALLOW="127.0.0.1",
            PORTAL_FRONTEND_CACHE_VIEW_LOG=str(tmp / "cached-views.log"),
        )
        self.view_log = Path(self.variables["PORTAL_FRONTEND_CACHE_VIEW_LOG"])
        self.media_root = Path(self.variables["PORTAL_MEDIA_ROOT"])
        self.media_root.mkdir()
        self.env = production_env(
            DATABASE_URL=database_url(),
            REDIS_URL=self.redis.url,
            PORTAL_PRIMARY_DOMAIN="tinh.test.localhost",
            ALLOWED_HOSTS=".test.localhost",
            PORTAL_STATIC_ROOT=self.variables["PORTAL_STATIC_ROOT"],
            PORTAL_MEDIA_ROOT=str(self.media_root),
            PORTAL_BIND=f"127.0.0.1:{self.gunicorn_port}",
            PORTAL_WORKERS="2",
            PORTAL_THREADS="2",
        )

    def start(self) -> None:
        collect = subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert collect.returncode == 0, collect.stderr
        self.gunicorn_log = (self.tmp / "gunicorn.log").open("w")
        gunicorn = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self.gunicorn_log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(gunicorn)
        wait_for_port(self.gunicorn_port, timeout=120, process=gunicorn)
        self.nginx_conf = render_nginx(self.variables, self.tmp / "nginx", self.frontend_cache)
        nginx = subprocess.Popen(
            [
                NGINX,
                "-c",
                str(self.nginx_conf),
                "-p",
                str(self.nginx_conf.parent),
                "-g",
                "daemon off;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.processes.append(nginx)
        self.nginx = nginx
        wait_for_port(self.https_port, process=nginx)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.http("/healthz").status_code == 200:
                return
            time.sleep(0.5)
        raise TimeoutError("/healthz never answered 200 through nginx")

    def https(self, path: str, host: str, headers=None, **kwargs) -> requests.Response:
        return requests.get(
            f"https://127.0.0.1:{self.https_port}{path}",
            headers={"Host": host, **(headers or {})},
            verify=False,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )

    def http(self, path: str, host: str = "127.0.0.1") -> requests.Response:
        return requests.get(
            f"http://127.0.0.1:{self.http_port}{path}",
            headers={"Host": host},
            allow_redirects=False,
            timeout=30,
        )

    def purge(self, path: str, host: str) -> requests.Response:
        """Ask nginx's purge listener (frontend cache) to drop `path` on `host`."""
        return requests.request(
            "PURGE", f"http://127.0.0.1:{self.purge_port}{path}", headers={"Host": host}, timeout=30
        )

    def reopen_logs(self) -> None:
        """What logrotate's postrotate does: nginx reopens its log files (SIGUSR1)."""
        self.nginx.send_signal(signal.SIGUSR1)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.redis.stop()
        if hasattr(self, "gunicorn_log"):
            self.gunicorn_log.close()


@pytest.fixture(scope="package")
def stack(network, tmp_path_factory):
    running = Stack(tmp_path_factory.mktemp("stack"))
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="package")
def cached_stack(network, tmp_path_factory):
    """The stack with nginx's frontend cache (deploy/nginx/frontend-cache) in front."""
    running = Stack(tmp_path_factory.mktemp("cached-stack"), frontend_cache=True)
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture
def shared_redis(cached_stack, settings):
    """This process's cache is the stack's Redis, as for every web process."""
    settings.CACHES = redis_cache(cached_stack.redis.url)
    return cached_stack
