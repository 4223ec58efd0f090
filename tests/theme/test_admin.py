"""The unit's roles manage the theme in Wagtail's admin: administrators the look,
editors the slogans."""

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context
from wagtail.models import Site

from portal.theme.models import Slogan, ThemeSettings
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def settings_url(network, unit_key: str) -> str:
    with schema_context(network.units[unit_key].schema_name):
        site = Site.objects.get(is_default_site=True)
        return reverse("wagtailsettings:edit", args=["portal_theme", "themesettings", site.pk])


def test_site_administrator_edits_the_look_and_bad_colours_are_refused(network):
    url = settings_url(network, "district_a")
    client = client_for(network, "district_a", network.users["district_a_admin"])
    assert client.get(url).status_code == 200
    form = {
        "primary_colour": "#fff;}",
        "secondary_colour": "#0a0b0c",
        "footer_text": "Chân trang",
        "public_service_links-count": "0",
        "campaign_banners-count": "0",
        "home_blocks-count": "0",
        "show_network_links": "on",
    }
    assert client.post(url, form).status_code == 200  # the form again, with the error
    with schema_context(network.units["district_a"].schema_name):
        assert not ThemeSettings.objects.filter(primary_colour="#fff;}").exists()
    assert client.post(url, {**form, "primary_colour": "#123456"}).status_code == 302
    with schema_context(network.units["district_a"].schema_name):
        assert ThemeSettings.objects.get().primary_colour == "#123456"


def test_editors_manage_slogans_but_not_the_look(network):
    client = client_for(network, "district_a", network.users["district_a_editor"])
    refused = client.get(settings_url(network, "district_a"))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    add = reverse("wagtailsnippets_portal_theme_slogan:add")
    response = client.post(
        add, {"text": "Chào mừng Đại hội", "start_date": "2025-09-01", "end_date": "2025-08-01"}
    )
    assert response.status_code == 200  # refused: it would end before it starts
    response = client.post(
        add, {"text": "Chào mừng Đại hội", "start_date": "2025-09-01", "end_date": "2025-09-30"}
    )
    assert response.status_code == 302
    with schema_context(network.units["district_a"].schema_name):
        assert Slogan.objects.get().text == "Chào mừng Đại hội"
