"""Naming the served page in the response, for the views nginx serves from its cache."""

from . import counter


class PageHeaderMiddleware:
    """Adds `X-Portal-Page: <page id>` to a page Wagtail served. Place it after the page
    cache (sites.page_cache): stored pages keep the header when replayed, and nginx's
    frontend cache keeps it with the page, so its log of cached views names the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        page_id = counter.served_page_id(request)
        if page_id is not None:
            response[counter.PAGE_HEADER] = str(page_id)
        return response
