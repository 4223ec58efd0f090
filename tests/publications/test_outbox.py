"""The indexing outbox: pending rows oldest first; a row changed after it was read stays."""

import pytest
from django.db import transaction
from django_tenants.utils import schema_context

from portal.publications.models import Publication

from .pages import add_article, entry, news

pytestmark = pytest.mark.django_db


def test_pending_rows_come_oldest_first_and_indexed_rows_leave_the_outbox(network):
    unit_a, unit_b = network.unit("district_a"), network.unit("district_b")
    with schema_context(unit_a.schema_name):
        first = add_article(news(), "Tin một", "tin-mot")
    with schema_context(unit_b.schema_name):
        second = add_article(news(), "Tin hai", "tin-hai")
    with transaction.atomic():
        pending = Publication.objects.pending_for_indexing(limit=10)
        assert [(row.unit, row.object_id) for row in pending] == [
            (unit_a, first.pk),
            (unit_b, second.pk),
        ]
        assert Publication.objects.mark_indexed({row.pk: row.version for row in pending}) == 2
    assert Publication.objects.pending_for_indexing(limit=10) == []


def test_mark_indexed_keeps_a_row_that_changed_after_it_was_read(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Tin", "tin")
        with transaction.atomic():
            (read,) = Publication.objects.pending_for_indexing(limit=10)
        article.title = "Tin đã sửa"
        article.save_revision().publish()  # while the indexer was busy
    assert Publication.objects.mark_indexed({read.pk: read.version}) == 0
    row = entry(unit, article)
    assert (row.index_pending, row.version) == (True, read.version + 1)
    assert Publication.objects.mark_indexed({row.pk: row.version}) == 1
    assert entry(unit, article).index_pending is False


def test_pending_for_indexing_honours_its_limit(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        for number in range(3):
            add_article(news(), f"Tin {number}", f"tin-{number}")
    with transaction.atomic():
        assert len(Publication.objects.pending_for_indexing(limit=2)) == 2
