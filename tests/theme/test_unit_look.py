"""Each unit's look (colours, logo, banner, footer, contacts) shows on its own portal only."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_tenants.utils import schema_context

from portal.theme.colours import safe_colour
from portal.theme.models import ThemeSettings
from tests.conftest import client_for

from .helpers import image, theme_settings

pytestmark = pytest.mark.django_db


def test_a_units_look_never_shows_on_another_unit(network, media_root):
    with schema_context(network.units["district_a"].schema_name):
        theme_settings(
            primary_colour="#123456",
            secondary_colour="#0a0b0c",
            logo=image("logo-huyen-a"),
            banner=image("banner-huyen-a"),
            footer_text="Cơ quan chủ quản: Huyện ủy Núi Đỏ",
            contact_phone="0213 3876 123",
            contact_email="huyenuy@nuido.test",
        )
    page_a = client_for(network, "district_a").get("/").content.decode()
    page_b = client_for(network, "district_b").get("/").content.decode()

    assert ":root { --brand: #123456; --brand-dark: #0a0b0c; }" in page_a
    assert "logo-huyen-a" in page_a and "banner-huyen-a" in page_a
    assert "Cơ quan chủ quản: Huyện ủy Núi Đỏ" in page_a
    assert 'href="tel:02133876123"' in page_a and "mailto:huyenuy@nuido.test" in page_a
    for trace in ("#123456", "logo-huyen-a", "banner-huyen-a", "Núi Đỏ", "nuido.test"):
        assert trace not in page_b
    # B keeps the network's defaults until it sets its own.
    assert "--brand: #b0121b;" in page_b


@pytest.mark.parametrize(
    "bad",
    [
        "red",
        "#12345",
        "#1234567",
        "#12345g",
        "#123456;}",
        "#123456\n",
        "#fff; } body { display: none",
        "#000000</style><script>alert(1)</script>",
    ],
)
def test_colours_must_be_plain_hex(bad):
    with pytest.raises(ValidationError) as excinfo:
        ThemeSettings(primary_colour=bad, secondary_colour=bad).clean_fields(
            exclude=["site", "public_service_links"]
        )
    assert {"primary_colour", "secondary_colour"} <= set(excinfo.value.message_dict)
    assert safe_colour(bad) is None


def test_a_colour_written_around_validation_never_reaches_the_css(network):
    injection = "red;}*{"  # the column holds 7 characters: enough to break the rule
    with schema_context(network.units["district_a"].schema_name):
        theme = theme_settings(secondary_colour="#0a0b0c")
        ThemeSettings.objects.filter(pk=theme.pk).update(primary_colour=injection)
    page = client_for(network, "district_a").get("/").content.decode()
    assert injection not in page
    # The valid colour still applies; the invalid one falls back to portal.css.
    assert ":root { --brand-dark: #0a0b0c; }" in page


def test_error_pages_of_the_public_schema_still_render():
    """Unknown hosts share the base template but have no theme tables."""
    response = Client(HTTP_HOST="khong-ton-tai.test.localhost").get("/")
    assert response.status_code == 404
    assert ":root {" not in response.content.decode()
