"""GET /api/search/ (the search) and /api/search/suggest/ as JSON (docs/search.md)."""

from __future__ import annotations

import logging
from dataclasses import asdict

from django.db import DatabaseError
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import service, suggest
from .engines import get_engine
from .query import SearchHit, SearchResults

logger = logging.getLogger(__name__)


def hit_json(hit: SearchHit) -> dict:
    return {
        "title": hit.title,
        "url": hit.url,
        "unit": hit.unit_name,
        "kind": hit.kind,
        "doc_number": hit.doc_number,
        "doc_type": hit.doc_type,
        "issuer": hit.issuer,
        "issued": hit.issued.isoformat() if hit.issued else None,
        "snippet": hit.snippet,
    }


def results_json(results: SearchResults) -> dict:
    return {
        "count": results.count,
        "count_estimated": results.count_estimated,
        # The corrected query these results are for, when the query as typed found nothing.
        "corrected": results.corrected or None,
        "results": [hit_json(hit) for hit in results.hits],
        "facets": {
            key: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for key, values in results.facets.items()
        },
    }


@require_GET
def search_api(request):
    outcome = service.run(request)
    if outcome.results is None:
        response = JsonResponse({"error": outcome.message}, status=outcome.status)
        if outcome.retry_after:
            response["Retry-After"] = str(outcome.retry_after)
        return response
    response = JsonResponse(
        results_json(outcome.results), json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def suggest_api(request):
    """Suggestions as people type (`search.suggest`): this portal's numbers and titles."""
    try:
        found = suggest.suggestions(get_engine(), request.tenant.pk, request.GET.get("q", ""))
    except DatabaseError:
        logger.exception("Suggestions failed.")
        return JsonResponse({"error": str(_("Gợi ý tạm thời không hoạt động."))}, status=503)
    response = JsonResponse(
        {"suggestions": [asdict(item) for item in found]}, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "no-store"
    return response
