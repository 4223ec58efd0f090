"""The real Elasticsearch node the tests use: started by the project's script when it is not up.

`make test` starts it beforehand; a bare pytest run starts it here. If it
cannot start (no Java or Maven, a broken download), the tests fail loudly:
they never skip.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from elasticsearch import Elasticsearch

from search.elastic.client import get_client
from search.elastic.index import ensure_index, indices_behind_alias

SCRIPT = Path(__file__).resolve().parents[3] / "search" / "elastic" / "node" / "elasticsearch.sh"


def run_script(action: str, port: int) -> None:
    result = subprocess.run(
        [str(SCRIPT), action, str(port)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, (
        f"elasticsearch.sh {action} {port} failed:\n{result.stdout}\n{result.stderr}"
    )


def port_of(url: str) -> int:
    return urlsplit(url).port or 9200


def answers(url: str) -> bool:
    try:
        return Elasticsearch(url, request_timeout=2).cluster.health().get("status") in (
            "green",
            "yellow",
        )
    except Exception:  # any failure to reach it means: not up
        return False


@cache
def ensure_node(url: str | None = None) -> str:
    """The URL of a healthy node (settings.ELASTICSEARCH_URL unless given), started if needed."""
    url = url or settings.ELASTICSEARCH_URL
    if not answers(url):
        run_script("start", port_of(url))
    assert answers(url), f"No Elasticsearch node answers at {url}."
    return url


def empty_index() -> None:
    """A new, empty index behind this run's alias (earlier tests' documents dropped with theirs)."""
    ensure_node()
    client = get_client()
    for index in indices_behind_alias(client):
        client.indices.delete(index=index)
    ensure_index(client)
