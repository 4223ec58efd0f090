"""Page views nginx serves from its frontend cache are counted, once, for their unit only:
the real nginx writes its log of cached views, `count_cached_views` reads it."""

import io
import json
import time

import pytest
import requests
from django.core.management import call_command
from django.db.models import Sum
from django_tenants.utils import schema_context

from portal.analytics import counter
from portal.analytics.models import PageViewDay
from sites.models import HomePage

pytestmark = [
    # The test certificate is self-signed.
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),
]
STATUS = "X-Frontend-Cache"
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}


def settle(stack, django_db_blocker) -> None:
    """Django's buffered views written, then nginx's log read: every view is in the rows."""
    with django_db_blocker.unblock():
        counter.flush_all()
        call_command("count_cached_views", log=str(stack.view_log), stdout=io.StringIO())


def totals(network, django_db_blocker) -> dict[str, int]:
    with django_db_blocker.unblock():
        return {
            key: PageViewDay.objects.filter(unit=unit).aggregate(total=Sum("views"))["total"] or 0
            for key, unit in network.units.items()
        }


def home_id(unit, django_db_blocker) -> int:
    with django_db_blocker.unblock(), schema_context(unit.schema_name):
        return HomePage.objects.get().pk


def visit(stack, host, count: int) -> list[str]:
    """`count` views of the home page by a browser; the cache status of each."""
    return [stack.https("/", host, headers=BROWSER).headers[STATUS] for _ in range(count)]


def test_views_served_from_the_cache_count_once_for_their_unit_only(
    shared_redis, network, django_db_blocker
):
    stack, host = shared_redis, network.domains["commune_a"]
    settle(stack, django_db_blocker)
    before = totals(network, django_db_blocker)
    stack.purge("/", host)
    assert visit(stack, host, 5) == ["MISS", "HIT", "HIT", "HIT", "HIT"]
    page = stack.https("/", host, headers={"User-Agent": "Googlebot/2.1"})  # a robot: no view
    assert page.headers[STATUS] == "HIT"
    assert page.headers["X-Portal-Page"] == str(
        home_id(network.units["commune_a"], django_db_blocker)
    )
    head = requests.head(
        f"https://127.0.0.1:{stack.https_port}/",
        headers={"Host": host, **BROWSER},
        verify=False,
        timeout=30,
    )
    assert head.headers[STATUS] == "HIT"  # not a GET: no view, as in Django
    log = [json.loads(line) for line in stack.view_log.read_text().splitlines()]
    assert all(
        set(line) == {"time", "host", "method", "status", "cache", "page", "agent"} for line in log
    )
    settle(stack, django_db_blocker)
    after = totals(network, django_db_blocker)
    assert after["commune_a"] == before["commune_a"] + 5  # the MISS by Django, 4 HITs from the log
    assert {k: v for k, v in after.items() if k != "commune_a"} == {
        k: v for k, v in before.items() if k != "commune_a"
    }
    settle(stack, django_db_blocker)  # a second run counts nothing twice
    assert totals(network, django_db_blocker) == after


def logged_view(host: str, page: str, **changes) -> bytes:
    line = {
        "time": "2026-12-07T10:00:00+07:00",
        "host": host,
        "method": "GET",
        "status": "200",
        "cache": "HIT",
        "page": page,
        "agent": BROWSER["User-Agent"],
        **changes,
    }
    return json.dumps(line).encode() + b"\n"


def test_hostile_lines_are_skipped_and_the_rest_counted(shared_redis, network, django_db_blocker):
    stack = shared_redis
    own, other = network.domains["commune_a"], network.domains["commune_b"]
    page = str(home_id(network.units["commune_a"], django_db_blocker))
    settle(stack, django_db_blocker)
    before = totals(network, django_db_blocker)
    hostile = [
        b"garbage\n",
        b"\xff\xfe\x00 not utf-8\n",
        b'["a", "list"]\n',
        b'{"time": 1, "host": 2}\n',
        b"[" * 3000 + b"\n",  # nested deeper than Python's recursion limit
        logged_view(own, page, agent="x" * 1_000_000),  # far too long: skipped whole
        logged_view("khong-co.test.localhost", page),  # no such unit
        logged_view(other, "987654321"),  # no such page in that unit
        logged_view(own + "\nkhac", page),
        logged_view(own, "-1"),
        logged_view(own, "1e3"),
        logged_view(own, "٣"),  # a digit, but not ASCII
        logged_view(own, page, method="POST"),
        logged_view(own, page, cache="MISS"),  # gunicorn counted it
        logged_view(own, page, cache="STALE"),
        logged_view(own, page, status="404"),
        logged_view(own, page, time="2026-12-07T10:00:00"),  # no offset: not nginx's
        logged_view(own, page, time="hôm qua"),
        logged_view(own, page, agent="curl/8.5.0"),
        logged_view(own, page, agent=""),
    ]
    with stack.view_log.open("ab") as log:
        log.writelines(hostile)
        log.write(logged_view(own.upper() + ".", page))  # one real view, as hosts compare
        log.write(logged_view(own, page)[:-20])  # still being written
    settle(stack, django_db_blocker)
    after = totals(network, django_db_blocker)
    assert after == {**before, "commune_a": before["commune_a"] + 1}
    with stack.view_log.open("ab") as log:
        log.write(logged_view(own, page)[-20:])
    settle(stack, django_db_blocker)
    assert totals(network, django_db_blocker) == {**before, "commune_a": before["commune_a"] + 2}


def test_a_rotated_log_is_read_to_its_end_then_the_new_one(
    shared_redis, network, django_db_blocker
):
    stack, host = shared_redis, network.domains["commune_b"]
    settle(stack, django_db_blocker)
    before = totals(network, django_db_blocker)
    stack.purge("/", host)
    assert visit(stack, host, 3) == ["MISS", "HIT", "HIT"]
    settle(stack, django_db_blocker)  # the position is now inside the first file
    assert visit(stack, host, 2) == ["HIT", "HIT"]
    rotated = stack.view_log.with_name(stack.view_log.name + ".1")
    stack.view_log.rename(rotated)  # logrotate: nginx writes on into the renamed file
    assert visit(stack, host, 1) == ["HIT"]
    stack.reopen_logs()
    deadline = time.monotonic() + 10
    while not stack.view_log.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert visit(stack, host, 2) == ["HIT", "HIT"]
    assert rotated.read_bytes().count(b"\n") >= 5 and stack.view_log.read_bytes().count(b"\n") == 2
    settle(stack, django_db_blocker)
    after = totals(network, django_db_blocker)
    assert after == {**before, "commune_b": before["commune_b"] + 8}
    settle(stack, django_db_blocker)
    assert totals(network, django_db_blocker) == after
