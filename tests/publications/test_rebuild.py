"""`ledger_rebuild` restores lost rows, marks orphans deleted, and changes nothing twice."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context

from portal.publications.models import Publication, PublicationStatus

from .pages import add_article, entries, entry, news

pytestmark = pytest.mark.django_db


def rebuild(**options) -> str:
    out = io.StringIO()
    call_command("ledger_rebuild", stdout=out, **options)
    return out.getvalue()


def test_rebuild_restores_rows_lost_from_the_ledger(network):
    unit, other = network.unit("district_a"), network.unit("district_b")
    with schema_context(unit.schema_name):
        published = add_article(news(), "Tin", "tin")
        withdrawn = add_article(news(), "Tin gỡ", "tin-go")
        withdrawn.unpublish()
    with schema_context(other.schema_name):
        elsewhere = add_article(news(), "Tin huyện B", "tin")
    before = entry(unit, published)
    Publication.objects.filter(unit=unit).delete()  # e.g. a restore of an older public schema

    assert rebuild(unit="TN-HA") == "TN-HA: live: 1\n"

    row = entry(unit, published)
    assert (row.status, row.url, row.title, row.body_text) == (
        PublicationStatus.LIVE,
        before.url,
        before.title,
        before.body_text,
    )
    assert row.published_at == before.published_at
    assert [r.object_id for r in entries(unit)] == [published.pk]  # no row for a withdrawn page
    assert entry(other, elsewhere).version == 1  # other units untouched


def test_rebuild_marks_rows_of_vanished_pages_deleted(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Tin", "tin")
    stray = Publication.objects.create(
        unit=unit,
        kind="article",
        object_id=article.pk + 1000,
        url="https://huyen-a.test.localhost/cu/",
        title="Trang đã mất",
        published_at=entry(unit, article).published_at,
        updated_at=entry(unit, article).updated_at,
    )
    assert rebuild(unit="TN-HA") == "TN-HA: deleted: 1\n"
    stray.refresh_from_db()
    assert (stray.status, stray.version) == (PublicationStatus.DELETED, 2)


def test_rebuild_is_idempotent(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Tin", "tin")
    rebuild()
    assert "TN-HA: no change" in rebuild()
    assert entry(unit, article).version == 1


def test_rebuild_of_an_unknown_unit_fails():
    with pytest.raises(CommandError):
        rebuild(unit="KHONG-CO")
