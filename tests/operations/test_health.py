"""/healthz answers on any host with the state of the database, the cache and search."""

import json
import socket

import pytest
from django.test import Client

from .services import free_port

pytestmark = pytest.mark.django_db


def healthz(host="10.0.0.7", method="get"):
    return getattr(Client(HTTP_HOST=host), method)("/healthz")


def test_healthy_with_real_redis_on_any_host(network, redis_cache, settings):
    settings.ELASTICSEARCH_URL = None
    settings.ALLOWED_HOSTS = ["tinh.example.vn"]  # even a host Django would refuse
    for host in ("10.0.0.7", network.domains["commune_a"], "khong-co-that.invalid"):
        response = healthz(host)
        assert response.status_code == 200, response.content
        body = json.loads(response.content)
        assert body["status"] == "ok"
        assert body["checks"]["database"]["ok"] is True
        assert body["checks"]["cache"] == {
            "ok": True,
            "backend": "RedisCache",
            "ms": body["checks"]["cache"]["ms"],
        }
        assert body["checks"]["search"]["engine"] == "postgres"
        assert response["Cache-Control"] == "no-store"


def test_a_stopped_redis_gives_503_and_names_the_cache(redis_cache, settings):
    settings.ELASTICSEARCH_URL = None
    assert healthz().status_code == 200
    redis_cache.stop()
    response = healthz()
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "fail"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["cache"]["error"]  # the exception's class, never its message
    assert body["checks"]["database"]["ok"] is True


def test_unreachable_elasticsearch_gives_503(redis_cache, settings):
    port = free_port()  # nothing listens there
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    body = json.loads(healthz().content)
    assert body["checks"]["search"]["ok"] is False
    assert body["status"] == "fail"
    assert str(port) not in json.dumps(body)  # addresses stay in the logs


def test_elasticsearch_answering_red_is_unhealthy(redis_cache, settings):
    """A real HTTP server answering Elasticsearch's cluster health API with "red"."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    import threading

    def answer():
        conn, _ = listener.accept()
        conn.recv(4096)
        body = b'{"status": "red"}'
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(body)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + body
        )
        conn.close()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{listener.getsockname()[1]}"
    response = healthz()
    thread.join(5)
    listener.close()
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["search"]["ok"] is False


def test_only_get_and_head():
    assert healthz(method="post").status_code == 405
    assert healthz(method="head").status_code in (200, 503)
