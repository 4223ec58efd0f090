"""A page served for real: nginx (TLS, loopback) -> gunicorn (production settings) ->
PostgreSQL (the test database) and a real redis-server; two units, nothing shared."""

import json
import re

import pytest

pytestmark = [
    pytest.mark.django_db,
    # The test certificate is self-signed.
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),
]


@pytest.mark.parametrize(
    "unit_key, other_key", [("commune_a", "commune_b"), ("commune_b", "commune_a")]
)
def test_each_units_home_page_through_nginx(stack, network, unit_key, other_key):
    response = stack.https("/", network.domains[unit_key])
    assert response.status_code == 200, response.text[:500]
    page = response.text
    assert network.units[unit_key].name in page
    assert network.units[other_key].name not in page
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # Absolute links carry the port visitors came in on (nginx's), never gunicorn's.
    host = network.domains[unit_key]
    assert f"https://{host}:{stack.https_port}/feeds/rss/" in page
    assert f":{stack.gunicorn_port}" not in page


def test_plain_http_redirects_to_https(stack, network):
    response = stack.http("/gioi-thieu/?a=1", network.domains["commune_a"])
    assert response.status_code == 301
    assert response.headers["Location"] == f"https://{network.domains['commune_a']}/gioi-thieu/?a=1"


def test_healthz_through_nginx_on_plain_http_and_any_host(stack):
    response = stack.http("/healthz", host="10.9.8.7")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["cache"]["backend"] == "RedisCache"
    assert checks["database"]["ok"] and checks["search"]["engine"] == "postgres"


def test_static_files_from_nginx_with_hashed_names(stack, network):
    page = stack.https("/", network.domains["commune_a"]).text
    stylesheet = re.search(r'href="(/static/portal_theme/portal\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "ManifestStaticFilesStorage names the stylesheet by its hash"
    response = stack.https(stylesheet.group(1), network.domains["commune_a"])
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["Server"] == "nginx"


def test_internal_media_location_is_not_reachable_from_outside(stack, network):
    schema_a = network.units["commune_a"].schema_name
    folder = stack.media_root / schema_a
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bi-mat.txt").write_text("x")
    response = stack.https(f"/_unit_media/{schema_a}/bi-mat.txt", network.domains["commune_b"])
    assert response.status_code == 404


def test_gunicorn_logs_are_json_lines(stack, network):
    stack.https("/", network.domains["commune_b"])
    stack.gunicorn_log.flush()
    lines = [line for line in (stack.tmp / "gunicorn.log").read_text().splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line is JSON
    access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    assert any(network.domains["commune_b"] in entry["message"] for entry in access)
