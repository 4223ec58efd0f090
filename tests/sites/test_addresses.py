"""Page addresses in ASCII, the old Vietnamese ones redirecting, and links that follow the
request's scheme and port on every portal (feeds, search, sitemaps, canonical, other units)."""

from __future__ import annotations

import importlib
import re
from urllib.parse import quote, urlsplit

import feedparser
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.tenancy.page_addresses import PageAddressMixin, ascii_slug
from sites.models import ArticlePage, SectionPage
from tests.conftest import client_for
from tests.sites.factories import home, news_section, publish_article

pytestmark = pytest.mark.django_db

TITLE = "Huyện Núi Đỏ tổ chức Hội nghị Ban Chấp hành Đảng bộ lần thứ 12"
SLUG = "huyen-nui-do-to-chuc-hoi-nghi-ban-chap-hanh-dang-bo-lan-thu-12"
migration = importlib.import_module("sites.migrations.0005_ascii_slugs")


def test_ascii_slug_transliterates_every_vietnamese_letter():
    assert ascii_slug(TITLE) == SLUG
    assert ascii_slug("Đường Đông Đô – đê điều") == "duong-dong-do-de-dieu"
    assert ascii_slug("!!!") == ""


def test_every_page_type_of_the_portal_has_ascii_addresses():
    ours = [m for m in get_page_models() if not m.__module__.startswith("wagtail.")]
    assert len(ours) >= 10
    assert [m.__name__ for m in ours if not issubclass(m, PageAddressMixin)] == []


def test_pages_made_by_code_get_ascii_slugs_unique_among_siblings(network):
    with schema_context(network.units["district_a"].schema_name):
        first = publish_article(TITLE)
        second = publish_article(TITLE)
        section = home().add_child(instance=SectionPage(title="Đời sống – Xã hội"))
    assert (first.slug, second.slug) == (SLUG, f"{SLUG}-2")
    assert section.slug == "doi-song-xa-hoi"
    response = client_for(network, "district_a").get(f"/tin-tuc-su-kien/{SLUG}/")
    assert response.status_code == 200 and TITLE in response.content.decode()


def article_form(title: str, slug: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "Sapo",
            "date": "2025-07-22 08:00",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung</p>"))]),
            "tags": "",
            "featured_image_caption": "",
            "author": "",
            "source": "",
            "action-publish": "action-publish",
        }
    )


def test_the_admin_form_refuses_vietnamese_slugs(network):
    with schema_context(network.units["district_a"].schema_name):
        section_id = news_section().pk
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    add_url = f"/admin/pages/add/portal_sites/articlepage/{section_id}/"

    form = editor.get(add_url).content.decode()
    # The slug field transliterates "đ" in the browser, as ascii_slug does on the server.
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', form).group(0)
    assert "allow-unicode" not in slug_input  # the controller's default: ASCII
    assert r"\u0111&quot;,&quot;gu&quot;],&quot;d&quot;" in slug_input  # "đ" -> "d"

    refused = editor.post(add_url, article_form("Tin có địa chỉ tiếng Việt", "tin-tiếng-việt"))
    assert refused.status_code == 200
    assert "ví dụ “tin-tieng-viet”" in str(refused.context["form"].errors["slug"])
    with schema_context(network.units["district_a"].schema_name):
        assert not ArticlePage.objects.filter(title="Tin có địa chỉ tiếng Việt").exists()

    # The admin's form asks for a slug (the browser fills it from the title)...
    empty = editor.post(add_url, article_form("Đảng ủy xã Đồng Tâm ra mắt", ""))
    assert empty.status_code == 200 and "slug" in empty.context["form"].errors
    # ...as ascii_slug writes it.
    made = editor.post(
        add_url,
        article_form("Đảng ủy xã Đồng Tâm ra mắt", ascii_slug("Đảng ủy xã Đồng Tâm ra mắt")),
    )
    assert made.status_code == 302
    with schema_context(network.units["district_a"].schema_name):
        page = ArticlePage.objects.get(title="Đảng ủy xã Đồng Tâm ra mắt")
        assert (page.slug, page.live) == ("dang-uy-xa-dong-tam-ra-mat", True)


def legacy_slug(page, slug: str) -> None:
    """Give `page` a Vietnamese slug as older versions did (saving refuses one now)."""
    page.refresh_from_db()
    old_prefix = page.url_path
    new_prefix = old_prefix[: -len(page.slug) - 1] + slug + "/"
    Page.objects.filter(pk=page.pk).update(slug=slug)
    for row in Page.objects.filter(path__startswith=page.path):
        Page.objects.filter(pk=row.pk).update(url_path=new_prefix + row.url_path[len(old_prefix) :])
    revision = page.get_latest_revision()
    revision.content["slug"] = slug
    revision.save(update_fields=["content"])


def test_saving_a_vietnamese_slug_is_refused_whatever_the_route(network):
    with schema_context(network.units["district_b"].schema_name):
        with pytest.raises(ValidationError) as refused:
            publish_article("Tin đầu năm", slug="tin-đầu-năm")
        assert "tin-dau-nam" in str(refused.value)
        draft = ArticlePage(title="Bản nháp", slug="bản-nháp", live=False)
        with pytest.raises(ValidationError):
            news_section().add_child(instance=draft)
        assert not ArticlePage.objects.filter(title__in=["Tin đầu năm", "Bản nháp"]).exists()


def test_old_vietnamese_addresses_answer_301_to_the_new_ascii_ones(network):
    unit = network.units["district_b"]
    with schema_context(unit.schema_name):
        section = home().add_child(instance=SectionPage(title="Sự kiện"))
        section.save_revision().publish()
        article = publish_article("Tin cũ đầu năm", parent=section)
        plain = publish_article("Tin không dấu", slug="tin-khong-dau")
        legacy_slug(section, "sự-kiện")
        legacy_slug(article, "tin-cũ-đầu-năm")
        assert client_for(network, "district_b").get("/sự-kiện/tin-cũ-đầu-năm/").status_code == 200
        migration.ascii_slugs(apps, None)
        migration.ascii_slugs(apps, None)  # a second run changes nothing
        section.refresh_from_db()
        article.refresh_from_db()
        assert (section.slug, article.slug) == ("su-kien", "tin-cu-dau-nam")
        assert article.url_path.endswith("/su-kien/tin-cu-dau-nam/")
        assert Page.objects.get(pk=plain.pk).slug == "tin-khong-dau"
        assert Redirect.objects.filter(redirect_page=article).count() == 1
        # A draft published later keeps the new address.
        article.specific.get_latest_revision().publish()
        assert Page.objects.get(pk=article.pk).slug == "tin-cu-dau-nam"

    client = client_for(network, "district_b")
    for old in ("/sự-kiện/tin-cũ-đầu-năm/", quote("/sự-kiện/tin-cũ-đầu-năm/")):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/su-kien/tin-cu-dau-nam/")
    assert client.get(quote("/sự-kiện/")).status_code == 301
    assert client.get("/su-kien/tin-cu-dau-nam/").status_code == 200
    assert client.get("/sự-kiện/không-có/").status_code == 404


PORT = "8123"


def links(html: str, host: str) -> set[str]:
    return set(re.findall(rf'(?:href|content)="(https?://{re.escape(host)}[^"]*)"', html))


def test_links_to_other_units_keep_the_requests_port(network):
    with schema_context(network.units["commune_a"].schema_name):
        article = publish_article("Tin xã Đồng Tâm gửi lên huyện")
    path = f"/tin-tuc-su-kien/{article.slug}/"
    commune = network.domains["commune_a"]
    district = client_for(network, "district_a")

    html = district.get("/", SERVER_PORT=PORT).content.decode()
    assert f"http://{commune}:{PORT}{path}" in links(html, commune)
    assert f"http://{commune}:{PORT}/" in links(html, commune)  # the network links
    assert not [link for link in links(html, commune) if f":{PORT}/" not in link]

    secure = district.get("/", SERVER_PORT="443", secure=True).content.decode()
    assert f"https://{commune}{path}" in links(secure, commune)


def test_canonical_open_graph_sitemap_and_robots_follow_the_request(network):
    with schema_context(network.units["district_a"].schema_name):
        article = publish_article("Tin có địa chỉ chuẩn")
    host = network.domains["district_a"]
    client = client_for(network, "district_a")
    url = f"http://{host}:{PORT}/tin-tuc-su-kien/{article.slug}/"

    html = client.get(f"/tin-tuc-su-kien/{article.slug}/", SERVER_PORT=PORT).content.decode()
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html

    sitemap = client.get("/sitemap.xml", SERVER_PORT=PORT).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert url in locations
    assert all(loc.startswith(f"http://{host}:{PORT}/") for loc in locations)

    robots = client.get("/robots.txt", SERVER_PORT=PORT).content.decode()
    assert f"Sitemap: http://{host}:{PORT}/sitemap.xml" in robots


def test_feeds_and_search_results_follow_the_request(network):
    with schema_context(network.units["commune_a"].schema_name):
        article = publish_article("Tin liên thông qua nguồn cấp")
    commune = network.domains["commune_a"]
    item = f"http://{commune}:{PORT}/tin-tuc-su-kien/{article.slug}/"
    district = client_for(network, "district_a")

    feed = feedparser.parse(district.get("/feeds/mang-luoi/rss/", SERVER_PORT=PORT).content)
    assert item in [entry.link for entry in feed.entries]
    assert feed.feed.link == f"http://{network.domains['district_a']}:{PORT}/"
    plain = feedparser.parse(district.get("/feeds/mang-luoi/rss/").content)
    assert f"http://{commune}/tin-tuc-su-kien/{article.slug}/" in [e.link for e in plain.entries]

    found = district.get(
        "/api/search/", {"q": "liên thông nguồn cấp", "scope": "network"}, SERVER_PORT=PORT
    ).json()["results"]
    assert item in [hit["url"] for hit in found]
    page = district.get(
        "/tim-kiem/", {"q": "liên thông nguồn cấp", "scope": "network"}, SERVER_PORT=PORT
    )
    assert f'href="{item}"' in page.content.decode()
    assert all(urlsplit(hit["url"]).port == int(PORT) for hit in found)
