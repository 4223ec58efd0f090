"""GET /api/search/: the search as JSON (documented in docs/search.md)."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from . import service
from .query import SearchHit, SearchResults


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
