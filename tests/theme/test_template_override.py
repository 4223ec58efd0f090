"""A unit overrides one template of the theme in its own folder; other units keep the shared one."""

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.analytics import counter
from portal.theme import warm_up
from tests.conftest import client_for
from tests.publications.pages import add_article, news

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


def _loader():
    return engines["django"].engine.template_loaders[0]


def test_units_without_overrides_share_one_compiled_template(network, unit_templates):
    """Compiled once per process, not once per unit: a new worker's first page of each
    unit does not compile the theme again. A unit with overrides keeps its own copy."""
    folder = unit_templates(network.units["district_a"].schema_name) / "portal_sites"
    folder.mkdir(parents=True)
    (folder / "home_page.html").write_text(OVERRIDE, encoding="utf-8")
    compiled = {}
    for key in ("district_a", "district_b", "commune_a"):
        with schema_context(network.units[key].schema_name):
            compiled[key] = _loader().get_template("portal_sites/article_page.html")
    assert compiled["district_b"] is compiled["commune_a"]
    assert compiled["district_a"] is not compiled["district_b"]


def test_warm_up_compiles_the_public_templates_before_the_first_page(unit_templates):
    warm_up.warm_up()
    cached = _loader().get_template_cache
    names = warm_up.public_template_names()
    assert "portal_sites/home_page.html" in names and "portal_theme/base.html" in names
    assert all(any(key.endswith(name) for key in cached) for name in names)


@pytest.fixture
def application():
    """Production's WSGI handler, minus closing the test's connection after each request
    (as Django's test client does)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_warm_up_serves_the_main_portals_pages_as_a_robot(network, settings, application):
    settings.PRIMARY_DOMAIN = network.domains["district_a"]
    unit = network.units["district_a"]
    with schema_context(unit.schema_name):
        article = add_article(news(), "Tin khởi động máy chủ", "tin-khoi-dong")
    served = warm_up.serve_pages(application)
    host = network.domains["district_a"]
    assert served[0] == f"{host}/"
    assert f"{host}{article.url}" in served
    with schema_context(unit.schema_name):
        assert counter._pending(timezone.localdate()) == {}  # a robot: never a view


def test_warm_up_without_a_main_portal_serves_the_top_unit(network, settings, application):
    settings.PRIMARY_DOMAIN = "khong-co.example.vn"
    served = warm_up.serve_pages(application)
    assert served and all(url.startswith(network.domains["province"]) for url in served)
