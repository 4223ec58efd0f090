"""The indexing worker's back-off after a failure ends as soon as new work is notified.

The worker (its own thread and connections) starts against a loopback port where
nothing listens: it fails and backs off for SLOW_POLL_SECONDS (two minutes). The
node then comes back (the setting points at the suite's real node) and a ledger
write commits: the row must be searchable within seconds, not minutes.
"""

from __future__ import annotations

import logging

import pytest

from search.elastic.client import get_client
from search.elastic.mapping import alias_name

from ...operations.services import free_port
from .helpers import SLOW_POLL_SECONDS, running_worker, wait_until
from .test_wakeup import committed_ledger

pytestmark = pytest.mark.django_db

PROMPT_SECONDS = 10


def found(word: str) -> int:
    return get_client().count(index=alias_name(), query={"match": {"title": word}})["count"]


def test_new_work_ends_the_back_off(es_index, units, settings, caplog):
    real_node = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    with (
        caplog.at_level(logging.WARNING, logger="search.elastic.indexer"),
        committed_ledger(units["district_a"]) as ledger,
        running_worker(),
    ):
        assert wait_until(lambda: "Indexing failed" in caplog.text, PROMPT_SECONDS) is not None
        assert f"retrying in {SLOW_POLL_SECONDS:.1f}s" in caplog.text
        settings.ELASTICSEARCH_URL = real_node
        ledger.publish("Tin sau sự cố kiemtrabackoff")
        waited = wait_until(lambda: found("kiemtrabackoff"), PROMPT_SECONDS)
        assert waited is not None and waited < PROMPT_SECONDS
