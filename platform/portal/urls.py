"""URLs every unit's portal serves."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.theme.views import unit_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG or getattr(settings, "PORTAL_SERVE_MEDIA", False):
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", unit_media))

urlpatterns.append(path("", include(wagtail_urls)))
