"""Elasticsearch test fixtures: a real node (started if needed) and an empty index per test."""

from __future__ import annotations

import pytest
from django.core.files.storage import storages

from .node import empty_index


@pytest.fixture
def es_index():
    """An empty index behind this run's alias on the real node."""
    empty_index()


@pytest.fixture
def units(network):
    return {key: network.unit(key) for key in network.units}


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files in tmp_path (the unit storage caches its root: drop it both ways)."""
    storage = storages["default"]
    storage.__dict__.pop("relative_media_root", None)
    settings.MEDIA_ROOT = tmp_path
    yield tmp_path
    storage.__dict__.pop("relative_media_root", None)
