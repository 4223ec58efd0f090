"""The real S3-compatible server the tests use (S3Proxy): started by the project's script when
it is not up, and one bucket of this run's own.

`make test` starts it beforehand; a bare pytest run starts it here. If it cannot start
(no Java or Maven, a broken download), the tests fail loudly: they never skip.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from django.conf import settings
from django.core.files.storage import storages

from portal.settings.media import media_storage
from portal.tenancy.storage import UnitObjectStorage

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "platform"
    / "portal"
    / "tenancy"
    / "s3proxy"
    / "s3proxy.sh"
)
ENDPOINT_URL = os.environ.get("PORTAL_TEST_S3_ENDPOINT_URL", "http://127.0.0.1:9480")
# The script's test keys (s3proxy.sh).
ACCESS_KEY = os.environ.get("PORTAL_S3PROXY_ACCESS_KEY", "portal-test")
SECRET_KEY = os.environ.get("PORTAL_S3PROXY_SECRET_KEY", "portal-test-secret")


def environment(**changes: str) -> dict[str, str]:
    """The PORTAL_MEDIA_S3_* variables that point the portal at this run's bucket."""
    return {
        "PORTAL_MEDIA_S3_BUCKET": bucket_name(),
        "PORTAL_MEDIA_S3_ENDPOINT_URL": ENDPOINT_URL,
        "PORTAL_MEDIA_S3_ACCESS_KEY": ACCESS_KEY,
        "PORTAL_MEDIA_S3_SECRET_KEY": SECRET_KEY,
        "PORTAL_MEDIA_S3_REGION": "us-east-1",
        "PORTAL_MEDIA_S3_ADDRESSING_STYLE": "path",
        **changes,
    }


def bucket_name() -> str:
    """One bucket per test database, so parallel runs never share objects."""
    return f"{settings.DATABASES['default']['TEST']['NAME']}-media".lower().replace("_", "-")


def client():
    return boto3.client(
        "s3",
        endpoint_url=ENDPOINT_URL,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
    )


def answers() -> bool:
    try:
        client().list_buckets()
    except Exception:  # any failure to reach it means: not up
        return False
    return True


@cache
def ensure_bucket() -> str:
    """This run's bucket on a running server (started if needed), created if missing."""
    if not answers():
        port = urlsplit(ENDPOINT_URL).port or 9480
        result = subprocess.run(
            [str(SCRIPT), "start", str(port)], capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, f"s3proxy.sh start failed:\n{result.stdout}\n{result.stderr}"
    assert answers(), f"No S3 server answers at {ENDPOINT_URL}."
    name = bucket_name()
    if name not in {bucket["Name"] for bucket in client().list_buckets()["Buckets"]}:
        client().create_bucket(Bucket=name)
    return name


def keys(prefix: str = "") -> list[str]:
    """Every object key of this run's bucket under `prefix`."""
    pages = client().get_paginator("list_objects_v2").paginate(Bucket=bucket_name(), Prefix=prefix)
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


def contents(prefix: str = "") -> dict[str, str]:
    """Key -> SHA-256 of every object of this run's bucket under `prefix`, read straight from it."""
    found = {}
    for key in keys(prefix):
        body = client().get_object(Bucket=bucket_name(), Key=key)["Body"].read()
        found[key] = hashlib.sha256(body).hexdigest()
    return found


def delete(prefix: str) -> None:
    for key in keys(prefix):
        client().delete_object(Bucket=bucket_name(), Key=key)


def empty_bucket() -> None:
    delete("")


@contextmanager
def media_in_bucket(test_settings, tmp_path: Path) -> Iterator[None]:
    """The portal's media in this run's bucket while inside (`test_settings`: pytest-django's
    `settings`); an empty MEDIA_ROOT proves nothing lands there. The bucket is emptied after."""
    ensure_bucket()
    test_settings.MEDIA_ROOT = tmp_path / "media"
    test_settings.STORAGES = {**test_settings.STORAGES, "default": media_storage(environment())}
    assert isinstance(storages["default"], UnitObjectStorage)
    yield
    empty_bucket()
    assert not (tmp_path / "media").exists()
