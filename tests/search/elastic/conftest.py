"""Elasticsearch test fixtures: a real node (started if needed) and an empty index per test."""

from __future__ import annotations

import pytest

from .node import empty_index


@pytest.fixture
def es_index():
    """An empty index behind this run's alias on the real node."""
    empty_index()


@pytest.fixture
def units(network):
    return {key: network.unit(key) for key in network.units}
