"""URLs every unit's portal serves."""

from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from portal.theme.views import robots_txt

# With the request (the unit's templates need it); a database outage answers 503.
handler400 = "portal.operations.error_pages.bad_request"
handler500 = "portal.operations.error_pages.server_error"

urlpatterns = [
    # Wagtail's add view, one creation at a time under each parent (see page_creation).
    path("", include("portal.accounts.page_creation")),
    path("admin/", include(wagtailadmin_urls)),
    # Documents and /media/: served only where their page may be seen.
    path("", include("sites.file_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("gop-y/", include("portal.feedback.urls")),
    # Each unit's own pages, with the Site's host: one sitemap per portal.
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("portal.syndication.urls")),
    path("", include("search.urls")),
    path("", include("sites.intake.urls")),
    # Static files under `make run` (gunicorn, DEBUG); nginx serves them in production (empty then).
    *staticfiles_urlpatterns(),
    path("", include(wagtail_urls)),
]
