"""Fixtures of the theme tests: media in tmp_path, per-unit template folders."""

from __future__ import annotations

import copy

import pytest
from django.core.files.storage import storages


@pytest.fixture
def media_root(settings, tmp_path):
    """Files in tmp_path. django-tenants' storage caches its root past a MEDIA_ROOT
    change, so drop that cache on the way in and out."""
    storage = storages["default"]
    storage.__dict__.pop("relative_media_root", None)
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    storage.__dict__.pop("relative_media_root", None)


@pytest.fixture
def unit_templates(settings, tmp_path):
    """Per-unit template folders under tmp_path; returns the folder of a schema.

    Re-assigning TEMPLATES makes Django build new template engines, so no
    loader keeps the folders (or templates) it cached before the change.
    """
    root = tmp_path / "unit-templates"
    settings.MULTITENANT_TEMPLATE_DIRS = [str(root / "%s")]
    settings.TEMPLATES = copy.deepcopy(settings.TEMPLATES)
    return lambda schema_name: root / schema_name
