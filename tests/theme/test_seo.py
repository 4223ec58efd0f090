"""SEO basics per unit: sitemap.xml, robots.txt, description, canonical and OpenGraph tags,
print view."""

import re

import pytest
from django_tenants.utils import schema_context

from portal.tenancy import provisioning
from tests.conftest import client_for
from tests.sites.factories import publish_article

from .helpers import image, theme_settings

pytestmark = pytest.mark.django_db


def meta(page: str, prop: str) -> str | None:
    """The content of <meta property=... or name=...>, or None."""
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', page)
    return match.group(1) if match else None


def test_sitemap_lists_each_units_own_pages_on_its_own_host(network):
    with schema_context(network.units["district_a"].schema_name):
        publish_article("Hội nghị huyện A", slug="hoi-nghi-huyen-a")
    sitemap_a = client_for(network, "district_a").get("/sitemap.xml")
    sitemap_b = client_for(network, "district_b").get("/sitemap.xml").content.decode()

    assert sitemap_a.status_code == 200 and sitemap_a["Content-Type"].startswith("application/xml")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap_a.content.decode()))
    assert "http://huyen-a.test.localhost/" in locations
    assert "http://huyen-a.test.localhost/tin-tuc-su-kien/hoi-nghi-huyen-a/" in locations
    assert all(loc.startswith("http://huyen-a.test.localhost/") for loc in locations)
    assert "http://huyen-b.test.localhost/tin-tuc-su-kien/" in sitemap_b
    assert "hoi-nghi-huyen-a" not in sitemap_b and "huyen-a.test.localhost" not in sitemap_b


def test_robots_txt_allows_all_and_points_to_the_hosts_sitemap(network):
    for key in ("district_a", "commune_b"):
        response = client_for(network, key).get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode() == (
            f"User-agent: *\nAllow: /\n\nSitemap: http://{network.domains[key]}/sitemap.xml\n"
        )


def test_archived_units_serve_no_robots_txt(network):
    provisioning.archive(network.unit("commune_b"))
    assert client_for(network, "commune_b").get("/robots.txt").status_code == 410


def test_article_page_carries_description_canonical_and_opengraph(network, media_root):
    with schema_context(network.units["district_a"].schema_name):
        publish_article(
            "Hội nghị & tổng kết",
            slug="hoi-nghi-tong-ket",
            lead='Sapo "tổng kết" năm 2025',
            featured_image=image("anh-hoi-nghi"),
        )
    url = "http://huyen-a.test.localhost/tin-tuc-su-kien/hoi-nghi-tong-ket/"
    page = client_for(network, "district_a").get(url).content.decode()

    assert f'<link rel="canonical" href="{url}">' in page
    assert meta(page, "og:url") == url
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:title") == "Hội nghị &amp; tổng kết"
    description = "Sapo &quot;tổng kết&quot; năm 2025"
    assert meta(page, "description") == meta(page, "og:description") == description
    og_image = meta(page, "og:image")
    # Renditions are stored in a random folder too (portal.tenancy.storage).
    assert re.match(
        r"http://huyen-a\.test\.localhost/media/images/[A-Za-z0-9_-]{16}/anh-hoi-nghi\.", og_image
    ), og_image
    assert ".fill-1200x630" in og_image
    assert meta(page, "article:published_time")


def test_pages_without_an_image_share_the_units_logo(network, media_root):
    with schema_context(network.units["district_a"].schema_name):
        theme_settings(logo=image("logo-huyen-a"))
        publish_article("Tin không ảnh", slug="tin-khong-anh")
    client = client_for(network, "district_a")
    article = client.get("/tin-tuc-su-kien/tin-khong-anh/").content.decode()
    logo = r"http://huyen-a\.test\.localhost/media/images/[A-Za-z0-9_-]{16}/logo-huyen-a\."
    assert re.match(logo, meta(article, "og:image")), meta(article, "og:image")
    section = client.get("/tin-tuc-su-kien/").content.decode()
    assert meta(section, "og:type") == "website"
    # Nothing written to describe it with: its title and portal (search engines want one).
    assert meta(section, "description") == "Tin tức - Sự kiện – Huyện Núi Đỏ"


def test_print_view_drops_navigation_and_is_not_indexed(network):
    with schema_context(network.units["district_a"].schema_name):
        publish_article("Tin để in", slug="tin-de-in")
    client = client_for(network, "district_a")
    normal = client.get("/tin-tuc-su-kien/tin-de-in/").content.decode()
    printed = client.get("/tin-tuc-su-kien/tin-de-in/?print=1").content.decode()

    assert 'class="site-nav"' in normal and "print-view" not in normal
    assert '<body class="print-view">' in printed
    assert 'class="site-nav"' not in printed
    assert meta(printed, "robots") == "noindex"
    assert "Nội dung Tin để in" in printed  # the same article
    # The canonical address stays the article's own.
    canonical = "http://huyen-a.test.localhost/tin-tuc-su-kien/tin-de-in/"
    assert f'<link rel="canonical" href="{canonical}">' in printed


def test_search_and_feedback_pages_are_described_and_search_has_one_canonical(network):
    client = client_for(network, "district_a")
    host = f"{network.domains['district_a']}:8123"
    results = client.get("/tim-kiem/?q=ngh%E1%BB%8B+quy%E1%BA%BFt", HTTP_HOST=host)
    html = results.content.decode()
    assert results.status_code == 200
    assert meta(html, "description").startswith("Tìm văn bản, tin bài")
    # Each query's page names the bare search page, on the request's own host and port.
    assert f'<link rel="canonical" href="http://{host}/tim-kiem/">' in html
    assert meta(html, "robots") is None
    feedback = client.get("/gop-y/").content.decode()
    assert meta(feedback, "description").startswith("Góp ý của bạn được gửi tới ban biên tập")
