"""Media storage: each unit's files under MEDIA_ROOT/<schema>/, served at /media/ on its own hosts."""

from django.conf import settings
from django_tenants.files.storage import TenantFileSystemStorage


class UnitMediaStorage(TenantFileSystemStorage):
    """Files are stored per schema; URLs carry no schema, so a unit's files are
    reachable only through that unit's hosts (see portal.theme.views.media)."""

    @property
    def base_url(self):
        return settings.MEDIA_URL
