"""Turning an engine's raw answer (ledger row ids, facet counts) into the contract's types.

Shared by both engines, so hits and facets read the same whichever answered.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping

from django.db.models import QuerySet

from portal.publications import registry
from portal.publications.models import Publication

from .models import SearchEntry
from .parsing import ParsedQuery
from .query import FACET_KEYS, FacetValue, SearchHit
from .snippets import snippet
from .unit_directory import UnitEntry


def hits_for(
    publication_ids: Iterable[int],
    parsed: ParsedQuery,
    network: dict[int, UnitEntry],
    rows: QuerySet[Publication] | None = None,
) -> list[SearchHit]:
    """One hit per ledger row id, in the given order, among `rows` (default: every ledger row;
    rows gone meanwhile are left out). `network`: the unit snapshot the scope was taken from."""
    ids = list(publication_ids)
    # Plain values: model instances cost more than the query for a page of hits.
    found = {
        values["pk"]: values
        for values in (Publication.objects.all() if rows is None else rows)
        .filter(pk__in=ids)
        .values(*_HIT_FIELDS)
    }
    terms = list(parsed.all_words)
    hits = [_hit(found[pk], network[found[pk]["unit_id"]].name, terms) for pk in ids if pk in found]
    return _attachment_snippets(hits, terms)


def _attachment_snippets(hits: list[SearchHit], terms: list[str]) -> list[SearchHit]:
    """Hits whose words are in an attached file only show the file's text around them."""
    unmarked = [hit.publication_id for hit in hits if terms and "<mark>" not in hit.snippet]
    if not unmarked:
        return hits
    texts = dict(
        SearchEntry.objects.filter(publication_id__in=unmarked)
        .exclude(attachment_text="")
        .values_list("publication_id", "attachment_text")
    )
    marked = {pk: snippet(text, terms) for pk, text in texts.items()}
    return [
        dataclasses.replace(hit, snippet=marked[hit.publication_id])
        if "<mark>" in marked.get(hit.publication_id, "")
        else hit
        for hit in hits
    ]


_HIT_FIELDS = (
    "pk",
    "title",
    "url",
    "unit_id",
    "kind",
    "doc_number",
    "doc_type",
    "issuer",
    "issued",
    "published_at",
    "summary",
    "body_text",
)


def _hit(row: dict, unit_name: str, terms: list[str]) -> SearchHit:
    summary, body = row["summary"], row["body_text"]
    shown = snippet(summary, terms) if summary else ""
    if not (summary and (not terms or "<mark>" in shown or not body)):
        shown = snippet(body or row["title"], terms)
    copied = {
        field: row[field] for field in _HIT_FIELDS if field not in ("pk", "summary", "body_text")
    }
    return SearchHit(publication_id=row["pk"], unit_name=unit_name, snippet=shown, **copied)


def kind_labels() -> dict[str, str]:
    return {kind.slug: str(kind.label) for kind in registry.kinds()}


def facets_from_counts(
    counts: Mapping[str, Mapping[str, int]], limit: int, network: dict[int, UnitEntry]
) -> dict[str, list[FacetValue]]:
    """Facets from {facet key: {value: count}} for unit, kind, doc_type, issuer and year.

    The level facet is derived from the unit counts; units get their names and
    kinds their labels. Empty values (an article has no document type) are
    dropped; each facet keeps its `limit` largest values, ties by label.
    """
    unit_counts = {int(value): count for value, count in counts.get("unit", {}).items() if value}
    level_counts: Counter = Counter()
    level_names = {}
    for unit_id, count in unit_counts.items():
        if unit_id in network:
            unit = network[unit_id]
            level_counts[unit.level_code] += count
            level_names[unit.level_code] = unit.level_name
    kinds = kind_labels()
    labelled = {
        "unit": [
            FacetValue(str(pk), network[pk].name, count)
            for pk, count in unit_counts.items()
            if pk in network
        ],
        "level": [
            FacetValue(code, level_names[code], count) for code, count in level_counts.items()
        ],
        "kind": [
            FacetValue(value, kinds.get(value, value), count)
            for value, count in counts.get("kind", {}).items()
            if value
        ],
    }
    for key in ("doc_type", "issuer", "year"):
        labelled[key] = [
            FacetValue(str(value), str(value), count)
            for value, count in counts.get(key, {}).items()
            if value
        ]
    return {
        key: sorted(labelled[key], key=lambda facet: (-facet.count, facet.label))[:limit]
        for key in FACET_KEYS
    }
