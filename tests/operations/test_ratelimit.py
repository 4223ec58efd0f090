"""The one rate limiter and its three users (sign-in, search, feedback), over HTTP on Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from portal import ratelimit
from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_redis(redis_cache):
    """Counted on a real redis-server, as in production."""


def test_a_window_counts_to_its_limit_and_reset_forgets_it():
    rate = ratelimit.Rate(3, 60)
    verdicts = [ratelimit.hit("essai", "k", rate) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert 0 < verdicts[-1].retry_after <= 60
    assert ratelimit.exhausted("essai", "k", rate)
    assert not ratelimit.exhausted("essai", "other", rate)  # keys are counted apart
    assert not ratelimit.exhausted("other-name", "k", rate)  # and so are limiters
    ratelimit.reset("essai", "k")
    assert ratelimit.hit("essai", "k", rate).allowed


def test_a_window_closes_after_its_seconds():
    rate = ratelimit.Rate(1, 1)
    assert ratelimit.hit("short", "k", rate).allowed
    assert not ratelimit.hit("short", "k", rate).allowed
    time.sleep(1.2)
    assert ratelimit.hit("short", "k", rate).allowed


def test_the_cache_never_holds_the_address(redis_cache):
    import redis

    ratelimit.hit("search", "203.0.113.77", ratelimit.Rate(5, 60))
    keys = [key.decode() for key in redis.Redis.from_url(redis_cache.url).keys("*")]
    assert any("portal:rate:search:" in key for key in keys)
    assert not any("203.0.113.77" in key for key in keys)


def test_the_61st_search_in_a_minute_is_refused_in_vietnamese(network):
    client = client_for(network, "district_a")
    statuses = [client.get("/api/search/", {"q": "a"}).status_code for _ in range(60)]
    assert statuses == [200] * 60
    page = client.get("/tim-kiem/", {"q": "thông báo"})
    assert page.status_code == 429
    assert "Bạn tìm kiếm quá nhanh" in page.content.decode()
    assert 0 < int(page["Retry-After"]) <= 60
    # Another client is not refused.
    assert client.get("/api/search/", {"q": "a"}, REMOTE_ADDR="10.9.9.9").status_code == 200


def test_sign_in_failures_lock_the_account(network, settings):
    settings.PORTAL_LOGIN_THROTTLE = {
        "account_failures": 2,
        "client_failures": 50,
        "window_seconds": 300,
    }
    client = client_for(network, "district_b")
    editor = network.users["district_b_editor"].username
    for _ in range(2):
        response = client.post("/admin/login/", {"username": editor, "password": "sai"})
        assert response.status_code == 200
    locked = client.post("/admin/login/", {"username": editor, "password": PASSWORD})
    assert locked.status_code == 429 and locked["Retry-After"] == "300"
    assert "quá nhiều lần đăng nhập không thành công" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_tracking_code_lookups_are_limited(network, settings):
    settings.PORTAL_FEEDBACK_LOOKUP_LIMIT = (2, 600)
    client = client_for(network, "district_a")
    responses = [client.get(f"/gop-y/tra-cuu/GY-AAAAA-AAAA{n}/") for n in range(3)]
    assert [response.status_code for response in responses] == [404, 404, 429]
    assert "Quá nhiều" in responses[2].content.decode()


def test_the_feedback_flood_guard_is_per_unit(network, settings):
    from tests.feedback.test_feedback import form_data, stored

    settings.PORTAL_FEEDBACK_UNIT_LIMIT = (1, 600)
    # Counted from here: browser journeys earlier in the run may have left committed rows.
    before = {key: len(stored(network, key)) for key in ("commune_a", "commune_b")}
    first = client_for(network, "commune_a").post("/gop-y/", form_data(), REMOTE_ADDR="10.2.0.1")
    second = client_for(network, "commune_a").post("/gop-y/", form_data(), REMOTE_ADDR="10.2.0.2")
    other = client_for(network, "commune_b").post("/gop-y/", form_data(), REMOTE_ADDR="10.2.0.3")
    assert (first.status_code, second.status_code, other.status_code) == (302, 429, 302)
    assert len(stored(network, "commune_a")) == before["commune_a"] + 1
    assert len(stored(network, "commune_b")) == before["commune_b"] + 1


def _settings_under(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PORTAL_SEARCH_RATE_LIMIT, s.PORTAL_FEEDBACK_SENDER_LIMIT, "
        "s.PORTAL_LOGIN_THROTTLE['account_failures'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_limits_come_from_the_environment():
    done = _settings_under(
        {
            "PORTAL_SEARCH_RATE_LIMIT": "7",
            "PORTAL_FEEDBACK_SENDER_LIMIT": "2/60",
            "PORTAL_LOGIN_ACCOUNT_FAILURES": "9",
        }
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "7 (2, 60) 9"
    refused = _settings_under({"PORTAL_FEEDBACK_SENDER_LIMIT": "nhiều"})
    assert refused.returncode != 0
    assert "PORTAL_FEEDBACK_SENDER_LIMIT must be COUNT/SECONDS" in refused.stderr
