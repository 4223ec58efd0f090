"""One search, as the page and the API run it: rate limit, validation, engine, errors."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

from portal.tenancy.addresses import seen_from

from . import ratelimit, result_cache, spelling
from .engines import get_engine
from .forms import SearchForm, form_from_request
from .query import SearchQuery, SearchResults

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a search request came to: results, or a status and message for people."""

    form: SearchForm
    query: SearchQuery | None = None
    results: SearchResults | None = None
    status: int = 200
    message: str = ""
    retry_after: int = 0


def run(request, *, page_size: int = 20) -> Outcome:
    """Search as the request asks, from the portal of `request.tenant`."""
    form = form_from_request(request)
    if not form.is_valid():
        return Outcome(form=form, status=400, message=form.first_error())
    query = form.search_query(request.tenant.pk, page_size=page_size)
    allowed, retry_after = ratelimit.allow(request)
    if not allowed:
        return Outcome(
            form=form,
            query=query,
            status=429,
            message=str(_("Bạn tìm kiếm quá nhanh. Vui lòng thử lại sau %(seconds)d giây."))
            % {"seconds": retry_after},
            retry_after=retry_after,
        )
    try:
        engine = get_engine()
        results = result_cache.results_for(
            engine.name,
            query,
            lambda: spelling.search_with_corrections(engine, query, engine.search(query)),
        )
    except DatabaseError:
        logger.exception("Search failed for %r.", query)
        return Outcome(
            form=form,
            query=query,
            status=503,
            message=str(_("Tìm kiếm tạm thời không hoạt động. Vui lòng thử lại sau.")),
        )
    # The index stores each portal's address; links follow the visitor's scheme and port.
    hits = [replace(hit, url=seen_from(hit.url, request)) for hit in results.hits]
    return Outcome(form=form, query=query, results=replace(results, hits=hits))
