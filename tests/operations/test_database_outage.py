"""A database outage: pages answer the portal's 503 page and /healthz says why.

The outage is real: the connection's settings point at a loopback port where
nothing listens, so every query's connection attempt is refused by the kernel.
The test runs outside pytest-django's transaction (the connection is closed
and reopened), and only reads.
"""

import contextlib
import json

from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory

from portal.operations.error_pages import server_error

from .services import free_port


@contextlib.contextmanager
def database_at_a_closed_port():
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


def test_pages_answer_503_and_healthz_names_the_database(network, django_db_blocker, settings):
    settings.ELASTICSEARCH_URL = None
    host = network.domains["district_a"]
    visitor = Client(HTTP_HOST=host, raise_request_exception=False)
    with django_db_blocker.unblock():
        assert visitor.get("/").status_code == 200
        with database_at_a_closed_port():
            cache.clear()  # nothing served from the page cache or routing's memory
            pages = [visitor.get(path) for path in ("/", "/tin-tuc/", "/gop-y/")]
            health = Client(HTTP_HOST=host).get("/healthz")
        assert visitor.get("/").status_code == 200  # back once the database answers

    for page in pages:
        assert page.status_code == 503
        assert "Cổng thông tin tạm ngừng phục vụ" in page.content.decode()
        assert page["Retry-After"] == "30"
        assert page["Cache-Control"] == "no-store"
    assert health.status_code == 503
    body = json.loads(health.content)
    assert body["status"] == "fail"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["reason"].startswith("the database does not answer")
    assert body["checks"]["cache"]["ok"] is True
    assert "127.0.0.1" not in health.content.decode()  # addresses stay in the logs


def test_other_server_errors_stay_500():
    """Only the database's absence is a 503: a bug is not hidden as an outage."""
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
