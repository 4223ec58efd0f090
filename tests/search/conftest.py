"""Search test fixtures: the contract engines (PostgreSQL always, Elasticsearch when present).

The contract suite (test_contract.py) takes the fixture `engine`, parametrised
over CONTRACT_ENGINES. Another engine joins by providing a module
`tests.search.<name>.contract` (e.g. tests/search/elastic/contract.py) whose
`contract_engine(request)` returns an object with `engine` (a SearchEngine)
and `sync()` (make the engine reflect the ledger now).
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

import pytest
from django.core.files.storage import storages

from search.engines import SearchEngine, engine_named

# Engine name -> module providing contract_engine(request), beside the built-in PostgreSQL.
PLUGGABLE_ENGINES = {"elasticsearch": "tests.search.elastic.contract"}


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


CONTRACT_ENGINES = ["postgres"] + [
    name for name, module in PLUGGABLE_ENGINES.items() if _module_exists(module)
]


@dataclass
class PostgresContract:
    """The PostgreSQL engine needs no syncing: its rows change with the ledger's."""

    engine: SearchEngine

    def sync(self) -> None:
        return None


@pytest.fixture(params=CONTRACT_ENGINES)
def engine(request):
    """A contract engine: `.engine.search(query)` after `.sync()`."""
    if request.param == "postgres":
        return PostgresContract(engine_named("postgres"))
    module = importlib.import_module(PLUGGABLE_ENGINES[request.param])
    return module.contract_engine(request)


@pytest.fixture
def units(network):
    """The session network's units by key, read afresh."""
    return {key: network.unit(key) for key in network.units}


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files in tmp_path (the unit storage caches its root: drop it both ways)."""
    storage = storages["default"]
    storage.__dict__.pop("relative_media_root", None)
    settings.MEDIA_ROOT = tmp_path
    yield tmp_path
    storage.__dict__.pop("relative_media_root", None)
