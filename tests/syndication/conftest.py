"""Helpers for syndication tests: editors of any unit, articles published through Wagtail."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from portal.accounts import roles
from portal.publications.models import Publication
from tests.conftest import _make_user, client_for
from tests.publications.pages import add_article, news


@pytest.fixture
def editor_of(network):
    """editor_of("commune_a") -> a user with the editor role in that unit only (once per test)."""
    made = {}

    def make(unit_key: str, role: str = roles.EDITOR):
        if (unit_key, role) not in made:
            user = _make_user(f"synd-{unit_key}-{len(made)}")
            with schema_context(network.units[unit_key].schema_name):
                roles.grant(user, role)
            made[(unit_key, role)] = user
        return made[(unit_key, role)]

    return make


def publish(network, unit_key: str, title: str, slug: str | None = None, **fields) -> Publication:
    """Publish an article in the unit's news section; returns its ledger row."""
    unit = network.units[unit_key]
    with schema_context(unit.schema_name):
        article = add_article(news(), title, slug or title.lower().replace(" ", "-"), **fields)
    return Publication.objects.get(unit=unit, object_id=article.pk)


def page_of(row: Publication):
    """The live page behind a ledger row (call inside its unit's schema)."""
    from wagtail.models import Page

    return Page.objects.get(pk=row.object_id).specific


def home_html(network, unit_key: str) -> str:
    response = client_for(network, unit_key).get("/")
    assert response.status_code == 200
    return response.content.decode()


def news_html(network, unit_key: str) -> str:
    response = client_for(network, unit_key).get("/tin-tuc-su-kien/")
    assert response.status_code == 200
    return response.content.decode()


def assert_refused(response) -> None:
    """Wagtail's answer to a permission refusal in the admin: back to the dashboard."""
    assert (response.status_code, response.get("Location")) == (302, "/admin/"), (
        response.status_code
    )
