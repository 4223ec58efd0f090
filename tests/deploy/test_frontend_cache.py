"""The frontend cache for real: nginx's proxy_cache (deploy/nginx/frontend-cache, with
Debian's purge module) in front of gunicorn; this process publishes as the web
servers do, sharing their Redis, and purges nginx. Two units: a purge for one never
touches the other's cached pages."""

import json
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Page

from portal.publications.models import Publication
from portal.syndication.models import Appearance
from portal.tenancy.models import Domain
from sites.frontend_cache import appearance_urls, page_change_urls
from sites.models import HomePage, SectionPage

from .test_stack_files import unit_files

pytestmark = [
    # The test certificate is self-signed.
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),
]
STATUS = "X-Frontend-Cache"


@pytest.fixture
def purging(shared_redis, settings):
    """Purges go to the stack's nginx, as PORTAL_FRONTEND_CACHE_URL makes them."""
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "sites.frontend_cache.PurgeBackend",
            "LOCATION": f"http://127.0.0.1:{shared_redis.purge_port}",
        }
    }
    return shared_redis


def cached(stack, host, path="/"):
    """The page as nginx serves it, after making sure nginx holds it."""
    stack.https(path, host)
    response = stack.https(path, host)
    assert response.status_code == 200, response.text[:300]
    assert response.headers[STATUS] == "HIT"
    return response


def publish_intro(unit, text: str) -> str:
    """Publish `text` as the unit's home introduction; returns the previous one."""
    with schema_context(unit.schema_name):
        home = HomePage.objects.get()
        previous, home.intro = home.intro, text
        home.save_revision().publish()
    return previous


@pytest.mark.parametrize("changed, other", [("commune_a", "commune_b"), ("commune_b", "commune_a")])
def test_a_publish_refreshes_the_units_page_at_nginx_and_no_other(
    purging, network, django_db_blocker, changed, other
):
    hosts = network.domains
    cached(purging, hosts[changed])
    before_other = cached(purging, hosts[other])
    token = secrets.token_hex(4)
    with django_db_blocker.unblock():
        previous = publish_intro(network.units[changed], f"<p>Tin nóng {token}</p>")
    try:
        fresh = purging.https("/", hosts[changed])
        assert fresh.headers[STATUS] == "MISS"  # purged: nginx asked gunicorn again
        assert token in fresh.text
        # nginx now holds the new page (the intro also feeds the meta description).
        assert cached(purging, hosts[changed]).text == fresh.text
        untouched = purging.https("/", hosts[other])
        assert untouched.headers[STATUS] == "HIT"
        assert untouched.text == before_other.text
        assert token not in untouched.text
    finally:
        with django_db_blocker.unblock():
            publish_intro(network.units[changed], previous)


def test_without_purges_nginx_keeps_serving_the_old_page(shared_redis, network, django_db_blocker):
    """The control: the refresh above is the purge's doing, not an expiry."""
    host = network.domains["commune_a"]
    cached(shared_redis, host)
    token = secrets.token_hex(4)
    with django_db_blocker.unblock():
        previous = publish_intro(network.units["commune_a"], f"<p>Tin nóng {token}</p>")
    try:
        stale = shared_redis.https("/", host)
        assert stale.headers[STATUS] == "HIT"
        assert token not in stale.text
    finally:
        with django_db_blocker.unblock():
            publish_intro(network.units["commune_a"], previous)
        shared_redis.purge("/", host)


def gunicorn_requests(stack, host: str, path: str) -> int:
    """How many requests for `path` on `host` gunicorn has answered (its access log)."""
    request, header = f'"GET {path} HTTP/1.', f" host={host}"
    count = 0
    for line in (stack.tmp / "gunicorn.log").read_text().splitlines():
        entry = json.loads(line) if line.startswith("{") else {}
        if entry.get("logger") == "gunicorn.access":
            count += request in entry["message"] and entry["message"].endswith(header)
    return count


def test_a_purged_page_asked_by_many_at_once_reaches_gunicorn_once(
    purging, network, django_db_blocker
):
    """No stampede after a publish: nginx lets one request fill the entry, the others wait
    for it (proxy_cache_lock) and get the same, new page."""
    host, visitors = network.domains["commune_b"], 24
    cached(purging, host)
    token = secrets.token_hex(4)
    before = gunicorn_requests(purging, host, "/")
    with django_db_blocker.unblock():
        previous = publish_intro(network.units["commune_b"], f"<p>Tin nóng {token}</p>")
    try:
        with ThreadPoolExecutor(visitors) as pool:
            answers = list(pool.map(lambda _: purging.https("/", host), range(visitors)))
        assert [answer.status_code for answer in answers] == [200] * visitors
        assert all(token in answer.text for answer in answers)
        assert sorted(answer.headers[STATUS] for answer in answers).count("MISS") == 1
        assert gunicorn_requests(purging, host, "/") - before == 1
    finally:
        with django_db_blocker.unblock():
            publish_intro(network.units["commune_b"], previous)


def test_every_domain_of_the_unit_is_purged(purging, network, django_db_blocker):
    unit = network.units["commune_a"]
    second = f"ten-mien-{secrets.token_hex(3)}.test.localhost"
    with django_db_blocker.unblock():
        domain = Domain.objects.create(domain=second, tenant=unit, is_primary=False)
    try:
        hosts = [network.domains["commune_a"], second]
        for host in hosts:
            cached(purging, host)
        token = secrets.token_hex(4)
        with django_db_blocker.unblock():
            previous = publish_intro(unit, f"<p>Tin nóng {token}</p>")
        try:
            for host in hosts:
                fresh = purging.https("/", host)
                assert fresh.headers[STATUS] == "MISS", host
                assert token in fresh.text
        finally:
            with django_db_blocker.unblock():
                publish_intro(unit, previous)
    finally:
        with django_db_blocker.unblock():
            domain.delete()


@pytest.mark.parametrize("removal", ["unpublish", "delete"])
def test_an_unpublished_or_deleted_page_leaves_nginx(purging, network, django_db_blocker, removal):
    unit, host = network.units["commune_b"], network.domains["commune_b"]
    slug = f"muc-tam-{secrets.token_hex(3)}"
    with django_db_blocker.unblock(), schema_context(unit.schema_name):
        section = HomePage.objects.get().add_child(
            instance=SectionPage(title="Mục tạm thời", slug=slug, live=False)
        )
        section.save_revision().publish()
    other = cached(purging, network.domains["commune_a"], "/")
    try:
        assert "Mục tạm thời" in cached(purging, host, f"/{slug}/").text
        with django_db_blocker.unblock(), schema_context(unit.schema_name):
            getattr(Page.objects.get(pk=section.pk).specific, removal)()
        gone = purging.https(f"/{slug}/", host)
        assert gone.status_code == 404
        assert purging.https("/", network.domains["commune_a"]).text == other.text
    finally:
        with django_db_blocker.unblock(), schema_context(unit.schema_name):
            Page.objects.filter(pk=section.pk).delete()


# --- Which URLs a change purges (no nginx needed) ---------------------------------------


@pytest.mark.django_db
def test_a_change_purges_the_page_and_its_ancestors_on_the_units_domains_only(network):
    unit = network.units["commune_a"]
    with schema_context(unit.schema_name):
        home = HomePage.objects.get()
        section = home.add_child(instance=SectionPage(title="Tin", slug="tin-thu"))
        child = section.add_child(instance=SectionPage(title="Con", slug="con"))
        urls = set(page_change_urls(child))
    own = network.domains["commune_a"]
    assert {f"https://{own}/tin-thu/con/", f"https://{own}/tin-thu/", f"https://{own}/"} <= urls
    # The units above aggregate its news on their home pages.
    assert {f"https://{network.domains[k]}/" for k in ("district_a", "province")} <= urls
    for foreign in ("commune_b", "district_b"):
        assert not any(network.domains[foreign] in url for url in urls)


@pytest.mark.django_db
def test_a_move_purges_the_old_and_the_new_addresses_of_the_page_and_those_below(network):
    with schema_context(network.units["commune_b"].schema_name):
        home = HomePage.objects.get()
        old_parent = home.add_child(instance=SectionPage(title="Cũ", slug="cu"))
        new_parent = home.add_child(instance=SectionPage(title="Mới", slug="moi"))
        moved = old_parent.add_child(instance=SectionPage(title="Chuyển", slug="chuyen"))
        below = moved.add_child(instance=SectionPage(title="Dưới", slug="duoi"))
        old_url_path = moved.url_path
        moved.move(new_parent, pos="last-child")
        moved.refresh_from_db()
        urls = set(page_change_urls(moved, old_url_path))
    host = network.domains["commune_b"]
    assert {
        f"https://{host}/cu/chuyen/",
        f"https://{host}/cu/chuyen/duoi/",
        f"https://{host}/cu/",
        f"https://{host}/moi/chuyen/",
        f"https://{host}/moi/",
    } <= urls
    assert below.pk  # its new address is purged when it is published there
    assert not any(network.domains["commune_a"] in url for url in urls)


@pytest.mark.django_db
def test_an_appearance_purges_the_showing_units_pages_only(network):
    shower = network.units["commune_a"]
    with schema_context(shower.schema_name):
        HomePage.objects.get().add_child(
            instance=SectionPage(title="Liên thông", slug="lien-thong-xa")
        )
    original = Publication.objects.create(
        unit=network.units["commune_b"],
        kind="article",
        object_id=4242,
        url=f"https://{network.domains['commune_b']}/tin/",
        title="Tin gốc",
        published_at=timezone.now(),
        updated_at=timezone.now(),
    )
    appearance = Appearance.objects.create(
        publication=original, unit=shower, section_slug="lien-thong-xa"
    )
    urls = set(appearance_urls(appearance))
    host = network.domains["commune_a"]
    assert urls == {
        f"https://{host}/",
        f"https://{host}/lien-thong-xa/",
        f"https://{host}/lien-thong/{appearance.pk}/",
    }


def test_files_are_never_kept_by_the_frontend_cache(
    shared_redis, network, django_db_blocker, settings
):
    """A file of a live page, fetched twice, then its page unpublished: nginx must ask the
    application again, which now refuses (a cached copy would keep serving it)."""
    host = network.domains["commune_a"]
    with unit_files(shared_redis, network, django_db_blocker, settings) as made:
        marker, used, _unused, page = made
        paths = (used.url, f"/media/{used.file.name}")
        for path in paths:
            for _ in range(2):
                response = shared_redis.https(path, host)
                assert response.status_code == 200 and marker in response.text
                assert response.headers.get(STATUS) != "HIT"
        with django_db_blocker.unblock(), schema_context(network.units["commune_a"].schema_name):
            type(page).objects.get(pk=page.pk).unpublish()  # as stored: live
        for path in paths:
            refused = shared_redis.https(path, host)
            assert refused.status_code == 404, path
            assert marker not in refused.text
