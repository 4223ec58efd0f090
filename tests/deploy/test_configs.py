"""The deploy/ configuration files are valid for the real programs that read them."""

import re
import shutil
import subprocess
from pathlib import Path

from tests.operations.production_env import PYTHON, ROOT, production_env

from .conftest import (
    CACHE_PURGE_MODULE,
    DEPLOY,
    NGINX_MAIN,
    nginx_test,
    nginx_variables,
    render_nginx,
    self_signed_certificate,
)


def test_nginx_accepts_the_configuration(tmp_path):
    variables = nginx_variables(tmp_path, "127.0.0.1:8000", 8080, 8443)
    main = render_nginx(variables, tmp_path / "nginx")
    result = nginx_test(main)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr
    rendered = (tmp_path / "nginx" / "portal.conf").read_text()
    assert "server_name test.localhost *.test.localhost;" in rendered
    assert "${" not in rendered  # every variable was given


def test_nginx_accepts_the_frontend_cache_snippet(tmp_path):
    variables = nginx_variables(tmp_path, "127.0.0.1:8000", 8080, 8443)
    variables.update(
        PORTAL_FRONTEND_CACHE_PATH=str(tmp_path / "pages"),
        PORTAL_FRONTEND_CACHE_VALID="5m",
        PORTAL_FRONTEND_CACHE_PURGE_LISTEN="127.0.0.1:8081",
        PORTAL_FRONTEND_CACHE_PURGE_ALLOW="127.0.0.1",
    )
    main = render_nginx(variables, tmp_path / "nginx", frontend_cache=True)
    result = nginx_test(main)
    assert result.returncode == 0, result.stderr
    for rendered in (tmp_path / "nginx" / "frontend-cache").iterdir():
        assert "${" not in rendered.read_text(), rendered.name
    # Without the module the purge directive is unknown: the snippet really is read.
    main.write_text(
        "\n".join(
            line for line in main.read_text().splitlines() if not line.startswith("load_module")
        )
    )
    refused = nginx_test(main)
    assert refused.returncode != 0 and "proxy_cache_purge" in refused.stderr


def compose_environment(service: str) -> dict[str, str]:
    """The `environment:` of a service of deploy/docker-compose.yml (its `KEY: value` lines)."""
    compose = (DEPLOY / "docker-compose.yml").read_text()
    block = re.search(rf"^  {service}:\n(.*?)(?=^  \S|^\S|\Z)", compose, re.M | re.S)
    assert block, service
    environment = re.search(r"^    environment:\n((?:      .*\n)+)", block.group(1), re.M)
    assert environment, service
    pairs = re.findall(r"^      ([A-Z_]+): (.*)$", environment.group(1), re.M)
    return {key: value.strip().strip('"') for key, value in pairs}


def test_the_compose_nginx_carries_the_frontend_cache(tmp_path):
    """The containers' nginx (deploy/nginx/image: Debian's, with the purge module) renders
    the portal's and the frontend cache's templates with its script and the compose file's
    environment, and the real nginx accepts the result; web and worker purge it, the
    worker reads the log of cached views it writes."""
    dockerfile = (DEPLOY / "nginx" / "image" / "Dockerfile").read_text()
    assert "FROM debian:bookworm" in dockerfile and "libnginx-mod-http-cache-purge" in dockerfile
    nginx = compose_environment("nginx")
    for service in ("web", "worker"):
        purge = f"http://nginx:{nginx['PORTAL_FRONTEND_CACHE_PURGE_LISTEN']}"
        assert compose_environment(service)["PORTAL_FRONTEND_CACHE_URL"] == purge, service
    view_log = nginx["PORTAL_FRONTEND_CACHE_VIEW_LOG"]
    assert compose_environment("worker")["PORTAL_FRONTEND_CACHE_VIEW_LOG"] == view_log
    cert, key = self_signed_certificate(tmp_path, "test.localhost")
    conf = tmp_path / "conf.d"
    environment = {
        **nginx,
        # This machine's paths for the container's; nginx -t resolves upstream names.
        "PORTAL_DOMAIN": "test.localhost",
        "PORTAL_TLS_CERT": str(cert),
        "PORTAL_TLS_KEY": str(key),
        "PORTAL_UPSTREAM": "127.0.0.1:8000",
        "PORTAL_NGINX_DIR": str(conf),
        "PORTAL_STATIC_ROOT": str(tmp_path / "static"),
        "PORTAL_MEDIA_ROOT": str(tmp_path / "media"),
        "PORTAL_ACME_ROOT": str(tmp_path / "acme"),
        "PORTAL_FRONTEND_CACHE_PATH": str(tmp_path / "pages"),
        "PORTAL_FRONTEND_CACHE_VIEW_LOG": str(tmp_path / "cached-views.log"),
        "PATH": "/usr/bin:/bin",
    }
    script = DEPLOY / "nginx" / "image" / "render-templates.sh"
    for source, target in (("templates", conf), ("frontend-cache", conf / "frontend-cache")):
        subprocess.run(
            ["sh", str(script), str(DEPLOY / "nginx" / source), str(target)],
            env=environment,
            check=True,
        )
    rendered = {path.name: path.read_text() for path in conf.rglob("*") if path.is_file()}
    assert set(rendered) == {
        "portal.conf",
        "portal-locations.inc",
        "portal-tls.inc",
        "frontend-cache.conf",
        "frontend-cache-location.inc",
    }
    assert not any("${" in text for text in rendered.values())
    assert "$host" in rendered["portal-locations.inc"]  # nginx's own variables untouched
    assert f"access_log {tmp_path / 'cached-views.log'}" in rendered["frontend-cache.conf"]
    main = tmp_path / "nginx.conf"
    main.write_text(
        NGINX_MAIN.format(
            modules=f"load_module {CACHE_PURGE_MODULE};",
            tmp=tmp_path,
            nginx_dir=conf,
            workers=1,
            connections=256,
            access_log=tmp_path / "access.log",
            http_extra="",
        )
    )
    result = nginx_test(main)
    assert result.returncode == 0, result.stderr


def test_nginx_refuses_a_broken_configuration(tmp_path):
    """The check above can fail: a missing certificate is reported."""
    variables = nginx_variables(tmp_path, "127.0.0.1:8000", 8080, 8443)
    variables["PORTAL_TLS_CERT"] = str(tmp_path / "missing.crt")
    result = nginx_test(render_nginx(variables, tmp_path / "nginx"))
    assert result.returncode != 0
    assert "missing.crt" in result.stderr


def test_gunicorn_config_loads_with_the_environment():
    code = (
        "from gunicorn.config import Config; from gunicorn.app.base import Application;"
        "import runpy;"
        f"ns = runpy.run_path({str(DEPLOY / 'gunicorn.conf.py')!r});"
        "c = Config(); [c.set(k, v) for k, v in ns.items() if k in c.settings];"
        "print(c.bind, c.workers, c.threads, c.worker_class_str, c.wsgi_app, c.forwarded_allow_ips)"
    )
    env = production_env(PORTAL_BIND="unix:/run/portal/gunicorn.sock", PORTAL_WORKERS="7")
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "['unix:/run/portal/gunicorn.sock']",
        "7",
        "4",
        "gthread",
        "portal.wsgi:application",
        "['127.0.0.1']",
    ]


def test_gunicorn_checks_its_config():
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    result = subprocess.run(
        [gunicorn, "--check-config", "-c", str(DEPLOY / "gunicorn.conf.py")],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def systemd_problems(*units) -> list[str]:
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *map(str, units)], capture_output=True, text=True
    )
    # The programs live on the server (/srv/portal), not on this machine.
    return [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not ("/srv/portal/" in line and "is not executable" in line)
    ]


def test_systemd_units_verify():
    assert shutil.which("systemd-analyze"), "systemd-analyze is missing (Debian's systemd)"
    units = sorted((DEPLOY / "systemd").glob("portal-*"))
    assert {unit.name for unit in units} == {
        "portal-web.service",
        "portal-worker.service",
        "portal-backup.service",
        "portal-backup.timer",
    }
    assert systemd_problems(*units) == []


def test_systemd_verify_catches_mistakes(tmp_path):
    broken = tmp_path / "portal-broken.service"
    broken.write_text("[Service]\nType=sometimes\nExecStart=/bin/true\n")
    assert any("sometimes" in line for line in systemd_problems(broken))
