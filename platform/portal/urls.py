"""URLs every unit's portal serves."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.theme.views import robots_txt, unit_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("gop-y/", include("portal.feedback.urls")),
    # Each unit's own pages, with the Site's host: one sitemap per portal.
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("portal.syndication.urls")),
    path("", include("search.urls")),
    path("", include("sites.intake.urls")),
]

if settings.DEBUG or getattr(settings, "PORTAL_SERVE_MEDIA", False):
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", unit_media))

urlpatterns.append(path("", include(wagtail_urls)))
