"""Views of the shared theme that every portal serves."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from portal.tenancy import addresses


@require_safe
def robots_txt(request):
    """Crawlers may index the whole portal; its sitemap is on the host they asked.

    Archived units never get here: the routing middleware answers 410 first.
    """
    sitemap = addresses.absolute(reverse("sitemap"), request)
    body = f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
