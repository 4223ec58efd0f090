"""A unit overrides one template of the theme in its own folder; other units keep the shared one."""

import pytest
from django.template.loader import render_to_string
from django_tenants.utils import schema_context

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

OVERRIDE = (
    '{% extends "portal_sites/base.html" %}'
    "{% block page_content %}<p>Trang chủ riêng của huyện A</p>{% endblock %}"
)


def test_a_units_override_applies_to_that_unit_only(network, unit_templates):
    folder = unit_templates(network.units["district_a"].schema_name) / "portal_sites"
    folder.mkdir(parents=True)
    (folder / "home_page.html").write_text(OVERRIDE, encoding="utf-8")

    page_a = client_for(network, "district_a").get("/").content.decode()
    page_b = client_for(network, "district_b").get("/").content.decode()
    assert "Trang chủ riêng của huyện A" in page_a
    assert "Văn bản mới" not in page_a  # the shared home page is replaced...
    assert 'class="site-nav"' in page_a  # ...while the rest of the theme stays
    assert "Trang chủ riêng của huyện A" not in page_b
    assert "Văn bản mới" in page_b


def test_cached_templates_are_kept_per_schema_outside_requests(network, unit_templates):
    """Tasks and commands render in schema_context, where django-tenants' own cached
    loader would share one cache entry between all units."""
    name = "portal_theme/includes/network_links.html"
    folder = unit_templates(network.units["district_a"].schema_name) / "portal_theme" / "includes"
    folder.mkdir(parents=True)
    (folder / "network_links.html").write_text("Liên kết riêng của huyện A", encoding="utf-8")

    with schema_context(network.units["district_a"].schema_name):
        assert render_to_string(name) == "Liên kết riêng của huyện A"
    with schema_context(network.units["district_b"].schema_name):
        assert "riêng" not in render_to_string(name)
    with schema_context(network.units["district_a"].schema_name):
        assert render_to_string(name) == "Liên kết riêng của huyện A"
