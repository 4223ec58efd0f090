"""The Site, home page and theme settings of a page request (or of another view showing the
unit's chrome), from the unit's cached data.

Before serving a page, Wagtail finds the request's Site (a query), then the
home page's specific row (another) to route the path below it; the theme
then reads the unit's settings (another). The three change only with the
unit, so they are read once per unit, host and port (sites.unit_data: retired
by any write in the unit's schema and any change of units or domains) and
handed to Wagtail through its own per-request caches: `request._wagtail_site`
(Site.find_for_request) and the settings' request attribute
(BaseSiteSetting.for_request).
"""

from __future__ import annotations

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve

from portal.theme.models import ThemeSettings
from portal.theme.public_views import shows_unit_chrome

from . import page_cache, unit_data


def _site_and_theme(request) -> tuple[Site | None, ThemeSettings | None]:
    site = Site.find_for_request(request)
    if site is None:
        return None, None
    home = site.root_page.specific
    home.specific_class  # noqa: B018 -- computed now and kept with it: no content-type lookup later
    site.root_page = home
    return site, ThemeSettings.for_site(site)


def prime(request) -> None:
    """Give Wagtail this request's Site (with the specific home page) and theme settings."""
    address = (split_domain_port(request.get_host())[0], request.get_port())
    # The home page and the settings: their changes replace the unit's generation token.
    site, theme = unit_data.cached(
        "site", address, lambda: _site_and_theme(request), any_page=False
    )
    request._wagtail_site = site
    if theme is not None:
        theme._request = request  # as BaseSiteSetting.for_request does
        setattr(request, ThemeSettings.get_cache_attr_name(), theme)


class UnitPageDataMiddleware:
    """Primes Wagtail's page serving and the views that show the unit's chrome
    (portal.theme.public_views: the search page) with the unit's cached Site and settings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The view first: most requests that are no page (files, feeds, health) end there.
        if (
            (view_func is serve or shows_unit_chrome(view_func))
            and getattr(request, "tenant", None) is not None
            and page_cache.in_unit_schema()
        ):
            prime(request)
        return None
