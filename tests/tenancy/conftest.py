"""The object-storage fixture of the tenancy tests (the real S3Proxy server: object_store.py)."""

import pytest
from django.core.files.storage import storages

from portal.settings.media import media_storage
from portal.tenancy.storage import UnitObjectStorage

from .object_store import empty_bucket, ensure_bucket, environment


@pytest.fixture
def on_s3(network, settings, tmp_path):
    """The portal's media in this run's bucket; an empty MEDIA_ROOT proves nothing lands there."""
    ensure_bucket()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environment())}
    assert isinstance(storages["default"], UnitObjectStorage)
    yield network
    empty_bucket()
    assert not (tmp_path / "media").exists()
