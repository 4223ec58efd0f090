"""The search page every portal serves at /tim-kiem/ (no JavaScript needed)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from portal.theme.public_views import wears_unit_chrome

from . import service
from .forms import SCOPE_LABELS, SORT_LABELS
from .query import FACET_KEYS
from .results import kind_labels
from .visibility import visible_publications

FACET_TITLES = {
    "unit": _("Đơn vị"),
    "level": _("Cấp"),
    "kind": _("Loại nội dung"),
    "doc_type": _("Loại văn bản"),
    "issuer": _("Cơ quan ban hành"),
    "year": _("Năm"),
}
# The query parameter each facet filters by (the level facet is for reading only).
FACET_PARAMETERS = {
    "unit": "unit",
    "kind": "kind",
    "doc_type": "doc_type",
    "issuer": "issuer",
    "year": "year",
}


@wears_unit_chrome
@require_GET
def search_page(request):
    outcome = service.run(request)
    context = {
        "example_number": example_number(request.tenant.pk),
        "form": outcome.form,
        "query": outcome.query,
        "results": outcome.results,
        "message": outcome.message,
        "scopes": list(SCOPE_LABELS.items()),
        "sorts": list(SORT_LABELS.items()),
        "hidden_filters": [
            (name, value)
            for name in FACET_PARAMETERS.values()
            for value in request.GET.getlist(name)[:10]
        ],
    }
    if outcome.results is not None:
        context.update(_result_context(request, outcome))
    response = render(request, "portal_search/search.html", context, status=outcome.status)
    if outcome.retry_after:
        response["Retry-After"] = str(outcome.retry_after)
    return response


def _result_context(request, outcome) -> dict:
    query, results = outcome.query, outcome.results
    pages = Paginator(range(results.count), query.page_size) if results.count else None
    page = pages.page(query.page) if pages and query.page <= pages.num_pages else None
    facets = []
    for key in FACET_KEYS:
        values = results.facets.get(key, [])
        parameter = FACET_PARAMETERS.get(key)
        chosen = set(request.GET.getlist(parameter)) if parameter else set()
        facets.append(
            {
                "key": key,
                "title": FACET_TITLES[key],
                "values": [
                    {
                        "facet": value,
                        "chosen": value.value in chosen,
                        "url": _toggle_url(request, parameter, value.value) if parameter else "",
                    }
                    for value in values
                ],
            }
        )
    labels = kind_labels()
    return {
        # When the query as typed found nothing, the results are the corrected query's.
        "shown_text": results.corrected or query.text,
        "corrected_url": _with(request, q=results.corrected) if results.corrected else "",
        "hits": [(hit, labels.get(hit.kind, hit.kind)) for hit in results.hits],
        "facets": [facet for facet in facets if facet["values"]],
        "page_obj": page,
        "page_links": _page_links(request, page) if page and pages.num_pages > 1 else [],
        "previous_url": _with(request, page=page.previous_page_number())
        if page and page.has_previous()
        else "",
        "next_url": _with(request, page=page.next_page_number())
        if page and page.has_next()
        else "",
        "chosen_filters": any(request.GET.getlist(p) for p in FACET_PARAMETERS.values()),
        "wider_scope": _wider_scope(request, query.scope) if not results.count else None,
    }


def example_number(unit_id: int) -> str:
    """The number of the portal's newest visible document, to show how numbers are searched
    ("" when its registry holds none)."""
    newest = (
        visible_publications()
        .filter(unit_id=unit_id)
        .exclude(doc_number="")
        .order_by("-published_at")
        .values_list("doc_number", flat=True)
        .first()
    )
    return newest or ""


def _toggle_url(request, parameter: str, value: str) -> str:
    params = request.GET.copy()
    values = params.getlist(parameter)
    params.setlist(
        parameter, [v for v in values if v != value] if value in values else values + [value]
    )
    params.pop("page", None)
    return "?" + params.urlencode()


def _with(request, **changes) -> str:
    params = request.GET.copy()
    for name, value in changes.items():
        params[name] = str(value)
    return "?" + params.urlencode()


def _page_links(request, page) -> list[dict]:
    """Links to the pages around the current one (at most 9), first and last always."""
    last = page.paginator.num_pages
    numbers = sorted({1, last, *range(max(1, page.number - 3), min(last, page.number + 3) + 1)})
    return [
        {"number": number, "url": _with(request, page=number), "current": number == page.number}
        for number in numbers
    ]


def _wider_scope(request, scope: str) -> dict | None:
    """The next wider scope, to suggest when nothing was found."""
    order = list(SCOPE_LABELS)
    if scope == order[-1]:
        return None
    wider = order[order.index(scope) + 1]
    params = request.GET.copy()
    params["scope"] = wider
    params.pop("page", None)
    return {"label": SCOPE_LABELS[wider], "url": "?" + params.urlencode()}
