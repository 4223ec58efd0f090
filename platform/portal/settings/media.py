"""Where media files live: local folders, or an S3-compatible bucket named by the environment.

One definition for every settings module. Without PORTAL_MEDIA_S3_BUCKET files stay
under MEDIA_ROOT/<schema>/; with it, under the key prefix <schema>/ of that bucket
(portal.tenancy.storage). A setting that cannot work stops the process at start-up,
naming the variable and what is wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL_BACKEND = "portal.tenancy.storage.UnitMediaStorage"
OBJECT_BACKEND = "portal.tenancy.storage.UnitObjectStorage"
ADDRESSING_STYLES = ("path", "virtual", "auto")
# S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens,
# beginning and ending with a letter or digit.
_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


def _value(environ: Mapping[str, str], name: str) -> str:
    return environ.get(name, "").strip()


def media_storage(environ: Mapping[str, str]) -> dict:
    """The STORAGES["default"] entry the environment asks for."""
    bucket = _value(environ, "PORTAL_MEDIA_S3_BUCKET")
    if not bucket:
        return {"BACKEND": LOCAL_BACKEND}
    if not _BUCKET_NAME.fullmatch(bucket) or ".." in bucket:
        raise ImproperlyConfigured(
            f"PORTAL_MEDIA_S3_BUCKET={bucket!r} is not a bucket name: 3 to 63 lowercase "
            "letters, digits, dots or hyphens, beginning and ending with a letter or digit."
        )
    options = {
        "bucket_name": bucket,
        # Objects get the bucket's own (private) policy; the application serves them.
        "default_acl": None,
        # A name already taken gets a new one instead of overwriting another file.
        "file_overwrite": False,
        "signature_version": "s3v4",
        # An object read (served, copied by a merge) is buffered whole; past this size the
        # buffer is a temporary file, not memory (django-storages' default 0: never).
        "max_memory_size": 8 * 1024 * 1024,
    }
    endpoint = _value(environ, "PORTAL_MEDIA_S3_ENDPOINT_URL")
    if endpoint:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                f"PORTAL_MEDIA_S3_ENDPOINT_URL={endpoint!r} must be an http:// or https:// "
                "address, e.g. https://s3.example.gov.vn."
            )
        options["endpoint_url"] = endpoint
    access_key = _value(environ, "PORTAL_MEDIA_S3_ACCESS_KEY")
    secret_key = _value(environ, "PORTAL_MEDIA_S3_SECRET_KEY")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "PORTAL_MEDIA_S3_ACCESS_KEY and PORTAL_MEDIA_S3_SECRET_KEY go together: set "
            "both, or neither (then boto3 finds credentials itself, e.g. an instance role)."
        )
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    region = _value(environ, "PORTAL_MEDIA_S3_REGION")
    if region:
        options["region_name"] = region
    style = _value(environ, "PORTAL_MEDIA_S3_ADDRESSING_STYLE") or "path"
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"PORTAL_MEDIA_S3_ADDRESSING_STYLE={style!r} must be one of "
            + ", ".join(ADDRESSING_STYLES)
            + "."
        )
    options["addressing_style"] = style
    return {"BACKEND": OBJECT_BACKEND, "OPTIONS": options}
