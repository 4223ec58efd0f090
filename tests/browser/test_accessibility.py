"""axe-core in Chromium on every kind of citizen page, with real sample content.

The unit is filled by the demo's own content builder (sections, articles
with featured images and quotes, documents with PDF files, introduction with
leaders and chart, contacts, theme, slogans), committed so the live server
sees it. No serious or critical WCAG 2.1 AA violation is allowed.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from sites.demo_content import fill_unit
from sites.models import (
    ArticlePage,
    ContactPage,
    DocumentIndexPage,
    DocumentPage,
    IntroductionPage,
    SectionPage,
)
from tests.browser.conftest import assert_page_healthy
from tests.browser.units import provision_fresh_unit, remove_committed_units

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def portal_with_content(network, django_db_blocker, tmp_path_factory):
    """A fresh commune filled with the demo content; {kind: path} of the pages to check."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    try:
        with django_db_blocker.unblock():
            fresh = provision_fresh_unit(network.unit("district_a"), "truycap", role_keys=())
            with schema_context(fresh.unit.schema_name):
                fill_unit(fresh.unit, None, articles=6, documents=3)
                article = ArticlePage.objects.live().filter(featured_image__isnull=False).first()
                paths = {
                    "home": "/",
                    "section": SectionPage.objects.live().filter(depth=4).first().url,
                    "article": article.url,
                    "print view": article.url + "?print=1",
                    "registry": DocumentIndexPage.objects.live().first().url,
                    "filtered registry": DocumentIndexPage.objects.live().first().url
                    + "?type=thong-bao",
                    "document": DocumentPage.objects.live().first().url,
                    "introduction": IntroductionPage.objects.live().first().url,
                    "contact": ContactPage.objects.live().first().url,
                }
        yield fresh.domain, paths
        with django_db_blocker.unblock():
            remove_committed_units(fresh.unit)
    finally:
        media.disable()


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "section",
        "article",
        "print view",
        "registry",
        "filtered registry",
        "document",
        "introduction",
        "contact",
    ],
)
def test_no_serious_accessibility_violations(portal_with_content, page, url, kind):
    from axe_playwright_python.sync_playwright import Axe

    domain, paths = portal_with_content
    response = page.goto(url(domain, paths[kind]))
    assert response is not None and response.status == 200, (kind, response and response.status)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not serious, f"axe-core on the {kind} page {paths[kind]}:\n" + "\n".join(serious)
    assert_page_healthy(page)
