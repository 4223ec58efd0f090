"""An index from an older mapping: PostgreSQL answers until it is rebuilt (the worker does)."""

from __future__ import annotations

import logging

import pytest
from django.core.management import CommandError, call_command

from portal.publications.models import Publication
from search.elastic.client import get_client
from search.elastic.engine import ElasticsearchEngine
from search.elastic.index import (
    indices_behind_alias,
    load,
    mapping_versions,
    outdated_indices,
    rebuild_if_outdated,
)
from search.elastic.mapping import MAPPING_VERSION, VERSION_KEY, alias_name, template_body
from search.engines import get_engine
from search.query import SearchQuery

from ..corpus import publish
from .helpers import refresh, running_worker, search, titles, wait_until

pytestmark = pytest.mark.django_db

UPGRADE_SECONDS = 60


def _older_index_behind_the_alias(publications) -> str:
    """Put an index of the previous mapping version, holding `publications`, behind the alias."""
    client = get_client()
    template = template_body()["template"]
    mappings = dict(template["mappings"], _meta={VERSION_KEY: MAPPING_VERSION - 1})
    name = f"{alias_name()}-older"
    client.indices.create(index=name, settings=template["settings"], mappings=mappings)
    current = indices_behind_alias(client)
    client.indices.update_aliases(
        actions=[{"remove": {"index": index, "alias": alias_name()}} for index in current]
        + [{"add": {"index": name, "alias": alias_name()}}]
    )
    for index in current:
        client.indices.delete(index=index)
    load(client, alias_name(), publications)
    refresh()
    return name


def test_an_older_index_leaves_searches_to_postgres_until_rebuilt(
    es_index, units, settings, caplog
):
    row = publish(units["district_a"], "Quy định về công tác văn thư lưu trữ")
    older = _older_index_behind_the_alias(Publication.objects.filter(pk=row.pk))
    settings.PORTAL_SEARCH_ENGINE = "elasticsearch"
    with caplog.at_level(logging.WARNING, logger="search.elastic.engine"):
        assert not ElasticsearchEngine().is_available()
    assert "older mapping" in caplog.text and "search_rebuild" in caplog.text
    engine = get_engine()
    assert engine.name == "postgres"
    query = SearchQuery(text="van thu luu tru", scope="network", unit_id=units["province"].pk)
    found = engine.search(query)
    assert [hit.title for hit in found.hits] == ["Quy định về công tác văn thư lưu trữ"]
    with pytest.raises(CommandError, match="older mapping: run search_rebuild"):
        call_command("search_status")

    assert outdated_indices(get_client()) == [older]
    assert rebuild_if_outdated() is True
    assert list(mapping_versions(get_client()).values()) == [MAPPING_VERSION]
    assert rebuild_if_outdated() is False
    assert get_engine().name == "elasticsearch"
    assert titles(search("van thu luu tru", units["province"])) == [
        "Quy định về công tác văn thư lưu trữ"
    ]


def test_the_worker_rebuilds_an_older_index_when_it_starts(es_index):
    older = _older_index_behind_the_alias(Publication.objects.none())
    with running_worker():
        rebuilt = wait_until(lambda: indices_behind_alias(get_client()) != [older], UPGRADE_SECONDS)
    assert rebuilt is not None
    assert list(mapping_versions(get_client()).values()) == [MAPPING_VERSION]
    assert not get_client().indices.exists(index=older)
