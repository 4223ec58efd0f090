"""Publish -> searchable at once: the worker wakes on the ledger's NOTIFY and refreshes small
batches.

The ledger writes here are committed (a notification is delivered only on
commit) through a connection of their own, outside the test's transaction;
the test removes them again, and gives back the outbox mark of any committed
row the worker drained meanwhile.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from search.elastic.client import get_client
from search.elastic.indexer import drain
from search.elastic.mapping import alias_name
from search.outbox import OutboxListener

from ..corpus import publish
from .helpers import running_worker, search, titles, wait_until

pytestmark = pytest.mark.django_db

PROMPT_SECONDS = 20


def _without_refresh_interval() -> None:
    """Only an explicit refresh makes writes searchable now."""
    get_client().indices.put_settings(
        index=alias_name(), settings={"index": {"refresh_interval": "-1"}}
    )


def _found(word: str) -> int:
    return get_client().count(index=alias_name(), query={"match": {"title": word}})["count"]


class CommittedLedger:
    """Ledger rows written and committed through a connection of their own."""

    def __init__(self, unit):
        self.unit = unit
        self.connection = psycopg.connect(**connection.get_connection_params(), autocommit=True)
        self.ids: list[int] = []
        self.pending_before = [
            row[0]
            for row in self.connection.execute(
                "SELECT id FROM portal_publications_publication WHERE index_pending"
            )
        ]

    def publish(self, title: str) -> None:
        now = timezone.now()
        row = self.connection.execute(
            """INSERT INTO portal_publications_publication (
                 unit_id, kind, object_id, status, url, title, summary, body_text, section_title,
                 section_url, doc_number, doc_type, issuer, signer, field, image_url, attachments,
                 author, contributor, image_count, video_count, published_at, updated_at,
                 version, index_pending, changed_at)
               VALUES (%s, 'article', 800000 + %s, 'live', 'https://example.vn/tin/', %s,
                 '', '', '', '', '', '', '', '', '', '', '[]', '', '', 0, 0, %s, %s, 1, true, %s)
               RETURNING id""",
            [self.unit.pk, len(self.ids), title, now, now, now],
        ).fetchone()
        self.ids.append(row[0])

    def close(self) -> None:
        self.connection.execute(
            "DELETE FROM portal_search_searchentry WHERE publication_id = ANY(%s)", [self.ids]
        )
        self.connection.execute(
            "DELETE FROM portal_publications_publication WHERE id = ANY(%s)", [self.ids]
        )
        self.connection.execute(
            "UPDATE portal_publications_publication SET index_pending = true WHERE id = ANY(%s)",
            [self.pending_before],
        )
        self.connection.close()


@contextmanager
def committed_ledger(unit):
    ledger = CommittedLedger(unit)
    try:
        yield ledger
    finally:
        ledger.close()


def test_a_small_batch_is_searchable_without_waiting_for_a_refresh(es_index, units):
    _without_refresh_interval()
    publish(units["district_a"], "Thông báo lịch tiếp dân tháng 7")
    publish(units["commune_b"], "Thông báo lịch tiếp dân của xã")
    assert drain().written >= 2
    assert titles(search("lịch tiếp dân", units["district_a"], "portal")) == [
        "Thông báo lịch tiếp dân tháng 7"
    ]
    assert titles(search("lich tiep dan", units["district_b"], "subtree")) == [
        "Thông báo lịch tiếp dân của xã"
    ]


def test_the_worker_wakes_on_a_committed_ledger_write(es_index, units):
    _without_refresh_interval()
    with committed_ledger(units["district_b"]) as ledger, running_worker():
        ledger.publish("Tin đầu tiên kiemtrathucday")
        assert wait_until(lambda: _found("kiemtrathucday"), PROMPT_SECONDS) is not None
        time.sleep(1)  # the worker has drained and waits (for up to helpers.SLOW_POLL_SECONDS)
        ledger.publish("Tin thứ hai kiemtradanhthuc")
        assert wait_until(lambda: _found("kiemtradanhthuc"), PROMPT_SECONDS) is not None
        # Seen from the portals as the engine reads hits back: the other district sees nothing.
        assert "Tin thứ hai kiemtradanhthuc" in titles(
            search("kiemtradanhthuc", units["district_b"], "portal")
        )
        assert search("kiemtradanhthuc", units["district_a"], "portal").count == 0


def test_a_rolled_back_write_wakes_nobody_and_a_committed_one_does(units):
    with OutboxListener() as listener, committed_ledger(units["commune_a"]) as ledger:
        assert not listener.wait(0.2)  # nothing happened
        with ledger.connection.transaction(force_rollback=True):
            ledger.publish("Tin chưa lưu")
        assert not listener.wait(0.5)
        ledger.publish("Tin đã lưu")
        assert listener.wait(PROMPT_SECONDS)
