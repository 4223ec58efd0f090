"""The home page's lists, read in one query: the right articles in each, newest first."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from sites import home_context
from sites.models import HomePage, SectionPage
from tests.publications.pages import add_section
from tests.sites.factories import home, publish_article

pytestmark = pytest.mark.django_db


def _at(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def menu_section(parent, title: str, slug: str) -> SectionPage:
    section = parent.add_child(
        instance=SectionPage(title=title, slug=slug, live=False, show_in_menus=True)
    )
    section.save_revision().publish()
    return section


def test_each_list_holds_its_own_newest_articles(network):
    with schema_context(network.units["district_b"].schema_name):
        top = home()
        first = menu_section(top, "Chính trị", "chinh-tri")
        second = menu_section(top, "Văn hóa", "van-hoa")
        menu_section(top, "Chuyên mục trống", "trong")
        add_section(top, "Ngoài menu", "ngoai-menu")  # not in the menu: not on the home page
        # Section one: 7 articles a day apart, the oldest featured (far older than the
        # ten newest overall); section two: 6 articles, older than all of section one's.
        ones = [
            publish_article(f"Chính trị {day}", parent=first, date=_at(day), featured=day == 7)
            for day in range(1, 8)
        ]
        twos = [
            publish_article(f"Văn hóa {day}", parent=second, date=_at(day)) for day in range(20, 26)
        ]
        lists = home_context._article_lists(HomePage.objects.get(pk=top.pk))
    titles = {
        key: [a.title for a in lists[key]] for key in ("featured_articles", "latest_articles")
    }
    assert titles["featured_articles"] == ["Chính trị 7"]
    newest = [a.title for a in ones] + [a.title for a in twos[:3]]
    assert titles["latest_articles"] == newest
    assert lists["headline_articles"][0].title == "Chính trị 7"  # featured first
    sections = [
        (section.title, [a.title for a in articles])
        for section, articles in lists["sections_with_articles"]
    ]
    assert (
        sections
        == [  # menu order; the empty section left out; 5 each
            ("Chính trị", [a.title for a in ones[:5]]),
            ("Văn hóa", [a.title for a in twos[:5]]),
        ]
    )
