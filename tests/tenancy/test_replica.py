"""Visitors' reads on a real streaming replica of the test database; the rest on the primary.

The replica is the embedded server's (portal.embedded_replica, pg_basebackup of the
test cluster), started once for the module. Replicas see only committed rows, so
these tests commit their pages (outside any test transaction) and delete them after.
"""

from __future__ import annotations

import os
import time
from contextlib import ExitStack
from importlib import import_module

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context
from wagtail.models import Page

from portal import embedded_replica
from portal.settings import caches
from portal.settings.base import replica_database_config
from portal.tenancy.models import Unit
from portal.tenancy.replica import REPLICA_ALIAS, context, health, middleware, router
from tests.conftest import client_for
from tests.operations.services import RedisServer
from tests.sites.factories import publish_article

REPLAY_TIMEOUT_SECONDS = 30


def _without_replica(reason: str) -> None:
    """No replica can be had: these tests need the real one, so they fail (never skip)."""
    pytest.fail(f"these tests need a real replica: {reason}")


def _replica_url() -> str:
    if os.environ.get("DATABASE_URL"):
        url = os.environ.get("PORTAL_TEST_REPLICA_DATABASE_URL", "")
        if not url:
            _without_replica("DATABASE_URL without PORTAL_TEST_REPLICA_DATABASE_URL")
        return url
    base = embedded_replica.ensure_running(settings.BASE_DIR).rpartition("?")[2]
    return f"postgresql://postgres@/{connection.settings_dict['NAME']}?{base}"


@pytest.fixture(scope="module")
def replica(network, django_db_blocker):
    """The `replica` alias, on a streaming copy of the test database, for this module."""
    with django_db_blocker.unblock():
        config = replica_database_config(_replica_url())
        connections.settings[REPLICA_ALIAS] = connections.configure_settings(
            {DEFAULT_DB_ALIAS: connections.settings[DEFAULT_DB_ALIAS], REPLICA_ALIAS: config}
        )[REPLICA_ALIAS]
    yield
    connections[REPLICA_ALIAS].close()
    del connections[REPLICA_ALIAS]
    del connections.settings[REPLICA_ALIAS]
    health.forget()


@pytest.fixture
def committed(replica, network, django_db_blocker):
    """Database access outside a test transaction; the pages made are deleted after."""
    made = []
    health.forget()
    with django_db_blocker.unblock():
        yield made
        for unit_key, page_id in made:
            with schema_context(network.units[unit_key].schema_name):
                Page.objects.filter(pk=page_id).delete()
        wait_for_replay()
    health.forget()


def publish(network, made, unit_key: str, title: str):
    """A committed article in the unit; with its address (`address`) on the unit's host."""
    with schema_context(network.units[unit_key].schema_name):
        article = publish_article(title)
        article.address = article.get_url()
    made.append((unit_key, article.pk))
    return article


def scalar(alias: str, sql: str):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def wait_for_replay() -> None:
    """Until the replica has replayed everything the primary has written so far."""
    target = scalar(DEFAULT_DB_ALIAS, "SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + REPLAY_TIMEOUT_SECONDS
    while not scalar(REPLICA_ALIAS, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
        assert time.monotonic() < deadline, "the replica does not catch up"
        time.sleep(0.05)


def get(client: Client, path: str, *, replica_up: bool = True):
    """A GET with the queries each database received (caches emptied: the page is rendered).

    The replica's queries are not captured when it is down (capturing connects to it).
    """
    cache.clear()
    with ExitStack() as stack:
        on_replica = (
            stack.enter_context(CaptureQueriesContext(connections[REPLICA_ALIAS]))
            if replica_up
            else None
        )
        on_primary = stack.enter_context(CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]))
        response = client.get(path)
    return response, on_replica, on_primary


def page_reads(queries) -> list[str]:
    return [query["sql"] for query in queries if "wagtailcore_page" in query["sql"]]


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="an external database: its replica is not the embedded one this test restarts",
)
def test_starting_the_replica_again_keeps_its_copy(replica):
    copy = embedded_replica.data_dir(settings.BASE_DIR) / "backup_manifest"
    made = copy.stat().st_mtime_ns
    url = embedded_replica.ensure_running(settings.BASE_DIR)
    assert url == embedded_replica.url(settings.BASE_DIR)
    assert copy.stat().st_mtime_ns == made  # started (or found running), not copied again


def test_a_visitors_page_is_read_on_the_replica_in_its_own_unit(network, committed):
    article_a = publish(network, committed, "district_a", "Tin đọc từ bản sao ở Núi Đỏ")
    article_b = publish(network, committed, "district_b", "Tin đọc từ bản sao ở Sông Xanh")
    wait_for_replay()

    response, on_replica, on_primary = get(client_for(network, "district_a"), article_a.address)
    assert response.status_code == 200
    assert "Tin đọc từ bản sao ở Núi Đỏ" in response.content.decode()
    assert page_reads(on_replica) and not page_reads(on_primary)
    assert scalar(REPLICA_ALIAS, "SELECT pg_is_in_recovery()") is True
    assert connections[REPLICA_ALIAS].schema_name == network.units["district_a"].schema_name

    # Another unit's host: its own schema on the same replica connection.
    response, on_replica, _ = get(client_for(network, "district_b"), article_b.address)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tin đọc từ bản sao ở Sông Xanh" in body and "bản sao ở Núi Đỏ" not in body
    assert page_reads(on_replica)
    assert connections[REPLICA_ALIAS].schema_name == network.units["district_b"].schema_name
    # Unit A's article is not found through unit B's search_path.
    response, _, _ = get(client_for(network, "district_b"), article_a.address)
    assert response.status_code == 404


def test_a_visitors_search_on_postgresql_reads_on_the_replica(network, committed):
    publish(network, committed, "district_a", "Hội nghị nhân bản dữ liệu")
    wait_for_replay()
    response, on_replica, _ = get(client_for(network, "district_a"), "/tim-kiem/?q=nhân+bản")
    assert response.status_code == 200
    assert "Hội nghị nhân bản dữ liệu" in response.content.decode()
    # The ranking query (raw SQL through reading_connection) ran on the replica.
    ranked = [q["sql"] for q in on_replica.captured_queries if "AS score" in q["sql"]]
    assert ranked and "portal_search_searchentry" in ranked[0]


def test_signed_in_and_post_requests_stay_on_the_primary(network, committed):
    article = publish(network, committed, "district_a", "Tin cho người đã đăng nhập")
    wait_for_replay()

    editor = client_for(network, "district_a", user=network.users["district_a_admin"])
    response, on_replica, on_primary = get(editor, article.address)
    assert response.status_code == 200 and "Tin cho người đã đăng nhập" in response.content.decode()
    assert on_replica.captured_queries == [] and page_reads(on_primary)

    response, on_replica, on_primary = get(editor, "/admin/")
    assert response.status_code == 200
    assert on_replica.captured_queries == [] and on_primary.captured_queries

    visitor = client_for(network, "district_a")
    cache.clear()
    with CaptureQueriesContext(connections[REPLICA_ALIAS]) as on_replica:
        response = visitor.post(article.address, {"q": "x"})
    assert response.status_code == 200
    assert on_replica.captured_queries == []


def test_a_session_kept_in_redis_keeps_its_visitor_on_the_primary(
    network, committed, settings, tmp_path
):
    """Production's session store (cached_db on Redis): a session cookie still means the
    primary, and the session's own read, when Redis lacks it, is on the primary too."""
    article = publish(network, committed, "district_a", "Tin cho phiên trong Redis")
    wait_for_replay()
    server = RedisServer(tmp_path / "redis")
    settings.CACHES = caches.redis_cache(server.url)
    settings.SESSION_ENGINE = caches.REDIS_SESSION_ENGINE
    settings.SESSION_CACHE_ALIAS = caches.SESSIONS_ALIAS
    editor = client_for(network, "district_a", user=network.users["district_a_editor"])
    key = editor.cookies[settings.SESSION_COOKIE_NAME].value
    try:
        assert redis.Redis.from_url(server.url).exists(
            f"sessions:1:django.contrib.sessions.cached_db{key}"
        )
        # get() empties the caches, Redis included: the session is read back from PostgreSQL.
        response, on_replica, on_primary = get(editor, article.address)
        assert response.status_code == 200
        assert "Tin cho phiên trong Redis" in response.content.decode()
        assert on_replica.captured_queries == []
        assert page_reads(on_primary)
        assert any("django_session" in query["sql"] for query in on_primary.captured_queries)

        response, on_replica, on_primary = get(client_for(network, "district_a"), article.address)
        assert response.status_code == 200
        assert page_reads(on_replica) and not page_reads(on_primary)
    finally:
        import_module(settings.SESSION_ENGINE).SessionStore(key).delete()
        server.stop()


def test_a_write_in_a_read_only_request_goes_to_the_primary_and_later_reads_follow(
    network, committed
):
    unit = network.units["commune_a"]
    with context.read_only_request():
        assert Unit.objects.filter(pk=unit.pk).exists()
        assert Unit.objects.filter(pk=unit.pk).db == REPLICA_ALIAS
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary:
            Unit.objects.filter(pk=unit.pk).update(name="Xã Đồng Tâm (sửa)")
        assert on_primary.captured_queries
        # The request reads what it wrote: from now on on the primary, not the lagging copy.
        assert Unit.objects.filter(pk=unit.pk).db == DEFAULT_DB_ALIAS
        assert Unit.objects.get(pk=unit.pk).name == "Xã Đồng Tâm (sửa)"
    Unit.objects.filter(pk=unit.pk).update(name=unit.name)
    assert Unit.objects.filter(pk=unit.pk).db == DEFAULT_DB_ALIAS  # outside a request


@pytest.mark.django_db  # a test transaction: the replica cannot see its rows
def test_reads_inside_a_transaction_stay_on_the_primary(replica, network):
    unit = network.units["commune_a"]
    Unit.objects.filter(pk=unit.pk).update(name="Xã chưa cam kết")
    with context.read_only_request():
        assert Unit.objects.all().db == DEFAULT_DB_ALIAS
        assert Unit.objects.get(pk=unit.pk).name == "Xã chưa cam kết"
    # Rows read on either database relate to each other (the replica holds the primary's rows).
    replica_row, primary_row = Unit(name="a"), Unit(name="b")
    replica_row._state.db, primary_row._state.db = REPLICA_ALIAS, DEFAULT_DB_ALIAS
    assert router.ReplicaRouter().allow_relation(replica_row, primary_row) is True
    other_row = Unit(name="c")
    other_row._state.db = "other"
    assert router.ReplicaRouter().allow_relation(replica_row, other_row) is None


@pytest.mark.parametrize(
    "sql, writes",
    [
        ('SELECT "id" FROM "portal_tenancy_unit"', False),
        ("\n    WITH stats AS (SELECT 1) SELECT * FROM stats", False),
        ("SET search_path = a, public", False),
        ('UPDATE "portal_tenancy_unit" SET "name" = %s', True),
        ('INSERT INTO "django_session" VALUES (%s)', True),
        ("WITH moved AS (DELETE FROM t RETURNING id) SELECT id FROM moved", True),
        ("SAVEPOINT s1", True),
    ],
)
def test_which_statements_count_as_writes(sql, writes):
    assert context.writes(sql) is writes


@pytest.mark.parametrize(
    "method, cookies, headers, path, anonymous",
    [
        ("GET", {}, {}, "/tin-tuc/", True),
        ("HEAD", {}, {}, "/", True),
        ("POST", {}, {}, "/tin-tuc/", False),
        ("GET", {settings.SESSION_COOKIE_NAME: "abc"}, {}, "/", False),
        ("GET", {}, {"HTTP_AUTHORIZATION": "Bearer x"}, "/api/search/", False),
        ("GET", {}, {}, "/admin/login/", False),
        ("OPTIONS", {}, {}, "/", False),
    ],
)
def test_which_requests_are_anonymous_reads(method, cookies, headers, path, anonymous):
    request = RequestFactory().generic(method, path, **headers)
    request.COOKIES.update(cookies)
    assert middleware.is_anonymous_read(request) is anonymous


def test_a_lagging_replica_sends_reads_to_the_primary(network, committed):
    article = publish(network, committed, "commune_b", "Tin trước khi bản sao dừng")
    wait_for_replay()
    scalar(REPLICA_ALIAS, "SELECT pg_wal_replay_pause()")
    try:
        with schema_context(network.units["commune_b"].schema_name):
            article.title = "Tin sau khi bản sao dừng"
            article.save_revision().publish()
        received = scalar(DEFAULT_DB_ALIAS, "SELECT pg_current_wal_lsn()")
        deadline = time.monotonic() + REPLAY_TIMEOUT_SECONDS
        while not scalar(
            REPLICA_ALIAS, f"SELECT pg_last_wal_receive_lsn() >= '{received}'::pg_lsn"
        ):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        visitor = client_for(network, "commune_b")

        # Within the allowed lag the replica answers: the old title proves where it was read.
        with override_settings(PORTAL_REPLICA_MAX_LAG_SECONDS=3600):
            health.forget()
            response, on_replica, _ = get(visitor, article.address)
        assert response.status_code == 200 and page_reads(on_replica)
        body = response.content.decode()
        assert "Tin trước khi bản sao dừng" in body and "Tin sau khi bản sao dừng" not in body

        time.sleep(1.2)
        with override_settings(PORTAL_REPLICA_MAX_LAG_SECONDS=1):
            health.forget()
            response, on_replica, on_primary = get(visitor, article.address)
        assert response.status_code == 200
        assert "Tin sau khi bản sao dừng" in response.content.decode()
        assert not page_reads(on_replica) and page_reads(on_primary)
    finally:
        scalar(REPLICA_ALIAS, "SELECT pg_wal_replay_resume()")


def test_a_stopped_replica_never_costs_a_visitor_a_page(network, committed):
    article = publish(network, committed, "district_a", "Tin khi bản sao tắt")
    wait_for_replay()
    visitor = client_for(network, "district_a")
    visitor.raise_request_exception = False  # as a real visitor: only the response counts
    response, on_replica, _ = get(visitor, article.address)
    assert response.status_code == 200 and page_reads(on_replica)
    assert health.replica_is_usable()  # checked, and trusted for a few seconds
    embedded_replica.stop(settings.BASE_DIR)
    try:
        # It died after a passing check: the request fails there and is served again.
        response, _, on_primary = get(visitor, article.address, replica_up=False)
        assert response.status_code == 200
        assert "Tin khi bản sao tắt" in response.content.decode()
        assert page_reads(on_primary)
        assert not health.replica_is_usable()  # marked down: left alone for a while

        # Checked afresh while it is down: straight to the primary.
        connections[REPLICA_ALIAS].close()
        health.forget()
        response, _, on_primary = get(visitor, article.address, replica_up=False)
        assert response.status_code == 200 and page_reads(on_primary)
        assert not health.replica_is_usable()
    finally:
        connections[REPLICA_ALIAS].close()
        _replica_url()  # started again (and caught up from its slot)
        health.forget()
