"""The demo network's own content in the relevance bench: built, read, judged.

`python -m bench relevance` builds the demo network of `make run`
(`sites.demo.build_demo_network`: seven units, their articles, documents with
PDF files, albums and module pages) in the benchmark database, through the
page types as editors publish, then reads the attached files' text as the
background worker does (`search.attachment_queue.extract_pending`). The
judged queries (bench/relevance_demo_queries.json) are what citizens type on
a portal of the network: with and without diacritics, document numbers in
odd spacing or with a part missing, typing slips, phrases, names. Each names
the portal it is typed on (`on`, a unit code, the province by default), its
scope (`portal` by default) and the rows that should come first: a unit
(`on` by default) and a title fragment, a document number or a kind, found in
the ledger at run time; one naming no row or several is an error, not a
silent pass.
"""

from __future__ import annotations

import json
from pathlib import Path

from portal.publications.models import Publication, PublicationStatus
from portal.tenancy.models import Unit
from search.attachment_queue import extract_pending
from sites.demo import DEMO_UNITS, build_demo_network

from .common import say

QUERIES_FILE = Path(__file__).with_name("relevance_demo_queries.json")
PROVINCE = DEMO_UNITS[0].code


def build() -> dict[str, Unit]:
    """The demo network in the benchmark database (what is missing of it), its files read."""
    say("building the demo network (the first run takes a few minutes)…")
    build_demo_network(log=lambda line: say(line.strip()))
    report = extract_pending()
    say(f"attachment text read for {report.stored} rows ({report.failed} failed)")
    return {unit.code: unit for unit in Unit.objects.filter(code__in=[d.code for d in DEMO_UNITS])}


def rows(units: dict[str, Unit]):
    return Publication.objects.filter(unit__in=units.values())


def judged_queries(units: dict[str, Unit]) -> tuple[dict[int, str], list[dict]]:
    """(publication id -> key of every demo row, the judged queries with their searches)."""
    keys = {
        pk: f"{code}:{pk}" for pk, code in rows(units).values_list("pk", "unit__code").iterator()
    }
    queries = []
    for item in json.loads(QUERIES_FILE.read_text(encoding="utf-8")):
        on = units[item.get("on", PROVINCE)]
        relevant = []
        for judged in item["relevant"]:
            found = _judged_rows(units[judged.get("unit", on.code)], judged)
            if len(found) != 1:
                raise LookupError(
                    f"judged row {judged} of {item['q']!r} names {len(found)} rows of the demo"
                    " network, not one"
                )
            relevant += [keys[pk] for pk in found]
        queries.append(
            {
                "q": item["q"],
                "unit_id": on.pk,
                "scope": item.get("scope", "portal"),
                "relevant": relevant,
            }
        )
    return keys, queries


def _judged_rows(unit: Unit, judged: dict) -> list[int]:
    """The live row of `unit` with the judged number, kind or title fragment (exactly one)."""
    live = rows({unit.code: unit}).filter(status=PublicationStatus.LIVE)
    if "number" in judged:
        live = live.filter(doc_number=judged["number"])
    if "kind" in judged:
        live = live.filter(kind=judged["kind"])
    if "title" in judged:
        live = live.filter(title__icontains=judged["title"])
    return list(live.values_list("pk", flat=True))
