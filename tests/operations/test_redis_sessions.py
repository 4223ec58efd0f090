"""Sessions in Redis (production's store) on a real redis-server, through the real sign-in form.

Production keeps sessions with Django's `cached_db` engine in the `sessions` cache alias:
Redis serves every read, PostgreSQL keeps each session through a Redis restart. The second
web node is a separate process with the production settings and the same Redis.
"""

from __future__ import annotations

import json
import subprocess
import time
from importlib import import_module

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from portal.accounts import roles
from portal.settings import caches
from tests.accounts.test_sessions import SIGN_IN_FIRST, replayed_on, signed_in
from tests.conftest import PASSWORD, client_for
from tests.deploy.conftest import database_url

from .production_env import PYTHON, ROOT, production_env
from .services import RedisServer

pytestmark = pytest.mark.django_db

# A session's key in Redis: the alias's prefix, no unit schema (a session is network-wide).
REDIS_KEY = "sessions:1:django.contrib.sessions.cached_db{}"
OUTAGE_TEXT = "Cổng thông tin tạm ngừng phục vụ"


@pytest.fixture
def redis_sessions(redis_cache, settings):
    """Production's session store: cached_db on the `sessions` alias of the test's Redis."""
    settings.SESSION_ENGINE = caches.REDIS_SESSION_ENGINE
    settings.SESSION_CACHE_ALIAS = caches.SESSIONS_ALIAS
    return redis_cache


def stored_sessions(server) -> dict[str, bytes]:
    """Every session key in Redis, with its raw value."""
    client = redis.Redis.from_url(server.url)
    return {
        key.decode(): client.get(key) for key in client.scan_iter(match="sessions:*", count=1000)
    }


def session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def row(key: str) -> tuple | None:
    return (
        Session.objects.filter(session_key=key).values_list("session_data", "expire_date").first()
    )


def session_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if "django_session" in query["sql"]]


def test_a_session_made_on_one_unit_lives_in_redis_and_counts_for_nothing_on_another(
    network, redis_sessions
):
    editor = network.users["district_a_editor"]
    with schema_context(network.units["district_b"].schema_name):
        roles.grant(editor, roles.EDITOR)  # a replayed cookie would find a role there
    own = signed_in(network, "district_a", editor)
    key = session_key(own)

    before = stored_sessions(redis_sessions)
    assert list(before) == [REDIS_KEY.format(key)]
    assert row(key) is not None  # PostgreSQL keeps it too (cached_db)
    with CaptureQueriesContext(connection) as queries:
        assert own.get("/admin/pages/").status_code == 200
    assert session_queries(queries) == []  # read from Redis

    attacker = replayed_on(network, "district_b", own)
    kept = row(key)
    for path in ("/admin/", "/admin/pages/"):
        response = attacker.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == f"/admin/login/?next={path}"
    assert attacker.post("/admin/logout/").status_code == 302
    assert stored_sessions(redis_sessions) == before
    assert row(key) == kept
    assert own.get("/admin/pages/").status_code == 200


def test_an_unbound_signed_in_session_in_redis_is_refused(network, redis_sessions):
    client = client_for(network, "district_a")
    client.force_login(network.users["district_a_editor"])  # no unit recorded in it
    key = session_key(client)
    before, kept = stored_sessions(redis_sessions), row(key)
    assert REDIS_KEY.format(key) in before

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN_FIRST
    assert stored_sessions(redis_sessions) == before and row(key) == kept


def on_second_node(redis_url: str, host: str, cookie: str, path: str) -> dict:
    """GET `path` with the session cookie in another process: production settings, same
    Redis, same secret key, this test database (which it sees without this test's rows)."""
    code = f"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
# The admin's static names without collectstatic's manifest (nothing to do with sessions).
static = {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES={{**settings.STORAGES, "staticfiles": static}}):
    client = Client(HTTP_HOST={host!r}, raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = {cookie!r}
    response = client.get({path!r}, secure=True)
print("RESULT " + json.dumps(
    {{"status": response.status_code, "location": response.get("Location"),
      "engine": settings.SESSION_ENGINE}}
))
"""
    env = production_env(
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        SECRET_KEY=settings.SECRET_KEY,  # every node signs with the same key
        ALLOWED_HOSTS=".test.localhost",
        PORTAL_PRIMARY_DOMAIN="tinh.test.localhost",
    )
    result = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(lines[-1].removeprefix("RESULT "))


def test_two_web_nodes_share_the_session_and_a_sign_out_reaches_both(network, redis_sessions):
    """The second node cannot see this test's uncommitted session row: what it finds, it
    finds in Redis."""
    node_one = client_for(network, "district_a")
    user = network.users["district_a_editor"]
    # Signed in without opening the admin here: the admin's first visit writes rows (the
    # user's profile) that the other process would wait for until this test ends.
    response = node_one.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    key = session_key(node_one)
    host = network.domains["district_a"]

    seen = on_second_node(redis_sessions.url, host, key, "/admin/")
    assert seen == {"status": 200, "location": None, "engine": caches.REDIS_SESSION_ENGINE}

    response = node_one.post("/admin/logout/")
    assert response.status_code == 302
    assert stored_sessions(redis_sessions) == {}
    assert row(key) is None

    seen = on_second_node(redis_sessions.url, host, key, "/admin/")
    assert seen["status"] == 302 and seen["location"] == SIGN_IN_FIRST
    assert node_one.get("/admin/").status_code == 302


def test_a_redis_restart_signs_no_one_out(network, redis_sessions, tmp_path):
    node = signed_in(network, "district_a", network.users["district_a_editor"])
    key = session_key(node)
    port = redis_sessions.port

    redis_sessions.stop()
    restarted = RedisServer(tmp_path / "restarted", port=port)  # empty, as without persistence
    try:
        assert stored_sessions(restarted) == {}
        assert node.get("/admin/pages/").status_code == 200  # read back from PostgreSQL
        assert list(stored_sessions(restarted)) == [REDIS_KEY.format(key)]  # and cached again
    finally:
        restarted.stop()


def test_while_redis_is_down_everyone_gets_the_outage_page_and_nothing_is_lost(
    network, redis_sessions, tmp_path
):
    editor = signed_in(network, "district_a", network.users["district_a_editor"])
    key = session_key(editor)
    kept = row(key)
    host = network.domains["district_a"]
    visitor = Client(HTTP_HOST=host, raise_request_exception=False)
    editor.raise_request_exception = False
    assert visitor.get("/").status_code == 200

    redis_sessions.stop()
    answers = [
        visitor.get("/"),
        visitor.get("/tin-tuc/"),
        editor.get("/admin/"),
        editor.get("/"),
        editor.post("/admin/logout/"),
    ]
    for response in answers:
        assert response.status_code == 503
        assert OUTAGE_TEXT in response.content.decode()
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert row(key) == kept  # not even the sign-out went through

    back = RedisServer(tmp_path / "back", port=redis_sessions.port)
    try:
        assert visitor.get("/").status_code == 200
        assert editor.get("/admin/pages/").status_code == 200
    finally:
        back.stop()


def test_a_deactivated_account_and_a_removed_role_open_nothing(network, redis_sessions):
    user = network.users["district_a_editor"]
    node = signed_in(network, "district_a", user)
    key = session_key(node)
    stored, kept = stored_sessions(redis_sessions), row(key)

    with schema_context(network.units["district_a"].schema_name):
        roles.revoke(user, roles.EDITOR)
    response = node.get("/admin/pages/")
    assert response.status_code == 403
    assert stored_sessions(redis_sessions) == stored and row(key) == kept

    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    response = node.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    # Refused at every request (Django checks is_active); the session itself is left as it was.
    assert stored_sessions(redis_sessions) == stored and row(key) == kept
    with schema_context(network.units["district_a"].schema_name):
        assert roles.roles_of(user) == []


def test_clearsessions_removes_expired_rows_and_keeps_live_sessions(network, redis_sessions):
    expiring = import_module(settings.SESSION_ENGINE).SessionStore()
    expiring["note"] = "hết hạn sau một giây"
    expiring.set_expiry(1)
    expiring.save()
    live = signed_in(network, "district_a", network.users["district_a_editor"])
    time.sleep(1.5)
    # Redis forgot it by itself (its expiry); PostgreSQL keeps the row until clearsessions.
    assert REDIS_KEY.format(expiring.session_key) not in stored_sessions(redis_sessions)
    assert row(expiring.session_key) is not None

    call_command("clearsessions")

    assert row(expiring.session_key) is None
    assert row(session_key(live)) is not None
    assert REDIS_KEY.format(session_key(live)) in stored_sessions(redis_sessions)
    assert live.get("/admin/pages/").status_code == 200
