"""The page cache: per unit, anonymous visitors only, invalidated by every change in that unit."""

import pytest
from django.test import Client
from django_tenants.utils import schema_context
from wagtail.models import Page, PageViewRestriction

from portal.theme.models import ThemeSettings
from sites.models import SectionPage
from sites.page_cache import STATUS_HEADER
from tests.conftest import PASSWORD, client_for
from tests.sites.factories import home, news_section, publish_article

pytestmark = pytest.mark.django_db

UNITS = ("district_a", "district_b")


def cache_status(response) -> str | None:
    return response.headers.get(STATUS_HEADER)


def get(network, unit_key, path="/", **headers):
    response = client_for(network, unit_key).get(path, **headers)
    assert response.status_code == 200, (unit_key, path, response.status_code)
    return response


@pytest.fixture
def articles(network):
    pages = {}
    for key in UNITS:
        with schema_context(network.units[key].schema_name):
            pages[key] = publish_article(f"Tin riêng của {network.units[key].name}")
    return pages


def test_each_unit_has_its_own_entries(network, articles):
    for key in UNITS:
        assert cache_status(get(network, key)) == "miss"
    for key, other in (("district_a", "district_b"), ("district_b", "district_a")):
        response = get(network, key)
        assert cache_status(response) == "hit"
        html = response.content.decode()
        assert f"Tin riêng của {network.units[key].name}" in html
        assert f"Tin riêng của {network.units[other].name}" not in html
    # Same path on both hosts, each its own page.
    path = articles["district_a"].url
    assert cache_status(get(network, "district_a", path)) == "miss"
    assert cache_status(get(network, "district_a", path)) == "hit"
    assert client_for(network, "district_b").get(path).status_code == 404


def test_publishing_in_one_unit_invalidates_that_unit_only(network, articles):
    for key in UNITS:
        get(network, key)
        assert cache_status(get(network, key)) == "hit"
    with schema_context(network.units["district_a"].schema_name):
        publish_article("Tin mới vừa xuất bản")
    response = get(network, "district_a")
    assert cache_status(response) == "miss"
    assert "Tin mới vừa xuất bản" in response.content.decode()
    other = get(network, "district_b")
    assert cache_status(other) == "hit"
    assert "Tin mới vừa xuất bản" not in other.content.decode()


@pytest.mark.parametrize("change", ["unpublish", "move", "delete", "theme"])
def test_every_kind_of_change_invalidates(network, articles, change):
    schema = network.units["district_a"].schema_name
    get(network, "district_a")
    assert cache_status(get(network, "district_a")) == "hit"
    with schema_context(schema):
        article = Page.objects.get(pk=articles["district_a"].pk)
        if change == "unpublish":
            article.specific.unpublish()
        elif change == "move":
            target = news_section().add_child(
                instance=SectionPage(title="Tin trong tỉnh", slug="tin-trong-tinh")
            )
            article.move(target, pos="last-child")
        elif change == "delete":
            article.delete()
        else:
            theme = ThemeSettings.for_site(home().get_site())
            theme.footer_text = "Chân trang mới của huyện"
            theme.save()
    response = get(network, "district_a")
    assert cache_status(response) == "miss"
    if change == "theme":
        assert "Chân trang mới của huyện" in response.content.decode()
    assert cache_status(get(network, "district_b")) in ("miss", None)  # never filled by A's visits


def test_signed_in_people_never_get_or_fill_the_cache(network, articles):
    editor = network.users["district_a_editor"]
    signed_in = Client(HTTP_HOST=network.domains["district_a"])
    assert signed_in.login(username=editor.username, password=PASSWORD)
    first = signed_in.get("/")
    assert first.status_code == 200 and cache_status(first) is None
    assert cache_status(get(network, "district_a")) == "miss"  # nothing stored for the editor
    assert cache_status(get(network, "district_a")) == "hit"
    again = signed_in.get("/")
    assert cache_status(again) is None


def test_an_english_browser_gets_the_same_vietnamese_page(network, articles):
    """Public pages are Vietnamese whatever the browser asks (sites.public_language)."""
    vietnamese = get(network, "district_a")
    assert cache_status(vietnamese) == "miss"
    english = get(network, "district_a", HTTP_ACCEPT_LANGUAGE="en")
    assert cache_status(english) == "hit" and english["Content-Language"] == "vi"
    assert '<html lang="vi">' in english.content.decode()


def test_private_pages_are_never_cached(network):
    with schema_context(network.units["district_a"].schema_name):
        secret = publish_article("Tin nội bộ có mật khẩu")
        PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-noi-bo"
        )
        members = publish_article("Tin cho người đăng nhập")
        PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
        secret_url, members_url = secret.url, members.url
    client = client_for(network, "district_a")
    for _ in range(2):
        response = client.get(secret_url)
        assert response.status_code == 200 and cache_status(response) is None
        assert "Tin nội bộ có mật khẩu" not in response.content.decode().split("<main")[-1]
        login_redirect = client.get(members_url)
        assert login_redirect.status_code == 302 and cache_status(login_redirect) is None


def test_visitors_with_messages_or_a_session_bypass_the_cache(network, articles):
    get(network, "district_a")
    assert cache_status(get(network, "district_a")) == "hit"
    for cookie in ("messages", "sessionid"):
        client = client_for(network, "district_a")
        client.cookies[cookie] = "x"
        assert cache_status(client.get("/")) is None
