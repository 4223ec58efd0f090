"""The object-storage fixture of the tenancy tests (the real S3Proxy server: object_store.py)."""

import pytest

from .object_store import media_in_bucket


@pytest.fixture
def on_s3(network, settings, tmp_path):
    """The portal's media in this run's bucket; an empty MEDIA_ROOT proves nothing lands there."""
    with media_in_bucket(settings, tmp_path):
        yield network
