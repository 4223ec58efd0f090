"""Public pages are in Vietnamese whatever the browser asks; the admin follows the person."""

import pytest
from django_tenants.utils import schema_context

from sites.models import EnglishIntroductionPage, IntroductionPage
from tests.conftest import client_for

from .factories import home

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.mark.parametrize(
    "path, words",
    [
        ("/", "Trang chủ"),
        ("/tim-kiem/?q=chuyen+doi+so", "Tìm kiếm"),
        ("/gop-y/", "Gửi góp ý"),
        ("/khong-co-trang-nay/", "Không tìm thấy"),
    ],
)
def test_public_pages_stay_vietnamese_for_an_english_browser(network, path, words):
    client = client_for(network, "district_a")
    client.cookies["django_language"] = "en"  # the admin's language switch leaves this cookie
    response = client.get(path, **ENGLISH)
    html = response.content.decode()
    assert response.status_code in (200, 404)
    assert '<html lang="vi"' in html and words in html
    assert response["Content-Language"] == "vi"


def test_the_english_introduction_is_english_through_and_through(network):
    with schema_context(network.units["district_a"].schema_name):
        intro = IntroductionPage.objects.child_of(home()).first()
        english = intro.add_child(
            instance=EnglishIntroductionPage(title="Introduction", body="<p>About the district</p>")
        )
        english.save_revision().publish()
        path = english.url
    client = client_for(network, "district_a")
    response = client.get(path)  # a Vietnamese browser too
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert '<html lang="en"' in html and "About the district" in html
    # The interface is English as well (menu, skip link), with the way back to Vietnamese.
    assert "Skip to main content" in html and "Chuyển đến nội dung chính" not in html
    assert '<a href="/" lang="vi" hreflang="vi">Tiếng Việt</a>' in html
    # Every other page stays Vietnamese, with the switch to the English page.
    home_page = client.get("/").content.decode()
    assert '<html lang="vi"' in home_page and "Chuyển đến nội dung chính" in home_page
    assert f'<a href="{path}" lang="en" hreflang="en">English</a>' in home_page


def test_the_admin_still_follows_the_browser(network):
    response = client_for(network, "district_a").get("/admin/login/", **ENGLISH)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    vietnamese = client_for(network, "district_a").get("/admin/login/")
    assert '<html lang="vi"' in vietnamese.content.decode()
