"""Turning an engine's raw answer (ledger row ids, facet counts) into the contract's types.

Shared by both engines, so hits and facets read the same whichever answered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from django.db.models import QuerySet

from portal.publications import registry
from portal.publications.models import Publication
from portal.tenancy.models import Unit

from .parsing import ParsedQuery
from .query import FACET_KEYS, FacetValue, SearchHit
from .snippets import snippet


def hits_for(
    publication_ids: Iterable[int], parsed: ParsedQuery, rows: QuerySet[Publication] | None = None
) -> list[SearchHit]:
    """One hit per ledger row id, in the given order, among `rows` (default: every ledger row;
    rows gone meanwhile are left out)."""
    ids = list(publication_ids)
    rows = (Publication.objects.all() if rows is None else rows).select_related("unit").in_bulk(ids)
    terms = list(parsed.all_words)
    return [_hit(rows[pk], terms) for pk in ids if pk in rows]


def _hit(row: Publication, terms: list[str]) -> SearchHit:
    text = row.summary if _matches_any(row.summary, terms) or not row.body_text else row.body_text
    if not row.summary and not row.body_text:
        text = row.title
    return SearchHit(
        publication_id=row.pk,
        title=row.title,
        url=row.url,
        unit_id=row.unit_id,
        unit_name=row.unit.name,
        kind=row.kind,
        doc_number=row.doc_number,
        doc_type=row.doc_type,
        issuer=row.issuer,
        issued=row.issued,
        published_at=row.published_at,
        snippet=snippet(text, terms),
    )


def _matches_any(text: str, terms: list[str]) -> bool:
    return "<mark>" in snippet(text, terms) if text and terms else bool(text)


def kind_labels() -> dict[str, str]:
    return {kind.slug: str(kind.label) for kind in registry.kinds()}


def facets_from_counts(counts: Mapping[str, Mapping[str, int]], limit: int) -> dict[str, list[FacetValue]]:
    """Facets from {facet key: {value: count}} for unit, kind, doc_type, issuer and year.

    The level facet is derived from the unit counts; units get their names and
    kinds their labels. Empty values (an article has no document type) are
    dropped; each facet keeps its `limit` largest values, ties by label.
    """
    unit_counts = {int(value): count for value, count in counts.get("unit", {}).items() if value}
    # Plain values, not model instances: a network-wide facet names hundreds of units.
    units = {
        pk: (name, level_code, level_name)
        for pk, name, level_code, level_name in Unit.objects.filter(pk__in=list(unit_counts)).values_list(
            "pk", "name", "level__code", "level__name"
        )
    }
    level_counts: Counter = Counter()
    level_names = {}
    for unit_id, count in unit_counts.items():
        if unit_id in units:
            _name, level_code, level_name = units[unit_id]
            level_counts[level_code] += count
            level_names[level_code] = level_name
    kinds = kind_labels()
    labelled = {
        "unit": [
            FacetValue(str(pk), units[pk][0], count) for pk, count in unit_counts.items() if pk in units
        ],
        "level": [FacetValue(code, level_names[code], count) for code, count in level_counts.items()],
        "kind": [
            FacetValue(value, kinds.get(value, value), count)
            for value, count in counts.get("kind", {}).items()
            if value
        ],
    }
    for key in ("doc_type", "issuer", "year"):
        labelled[key] = [
            FacetValue(str(value), str(value), count) for value, count in counts.get(key, {}).items() if value
        ]
    return {
        key: sorted(labelled[key], key=lambda facet: (-facet.count, facet.label))[:limit]
        for key in FACET_KEYS
    }
