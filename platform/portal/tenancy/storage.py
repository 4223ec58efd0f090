"""Media storage: each unit's files under MEDIA_ROOT/<schema>/, served at /media/ on its hosts."""

import posixpath
import secrets

from django.conf import settings
from django_tenants.files.storage import TenantFileSystemStorage


class UnitMediaStorage(TenantFileSystemStorage):
    """Files are stored per schema; URLs carry no schema, so a unit's files are
    reachable only through that unit's hosts (see sites.file_views.unit_media)."""

    def _clear_cached_properties(self, setting, **kwargs):
        # django-tenants caches the media root and forgets to drop it when MEDIA_ROOT changes.
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "MEDIA_ROOT":
            self.__dict__.pop("relative_media_root", None)

    def generate_filename(self, filename):
        """Every upload gets a random folder of its own, `documents/<random>/374-TB-HU.pdf`:
        stored names cannot be guessed, and the file's own name stays readable."""
        folder, name = posixpath.split(super().generate_filename(filename))
        return posixpath.join(folder, secrets.token_urlsafe(12), name)

    @property
    def base_url(self):
        return settings.MEDIA_URL
