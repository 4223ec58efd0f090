"""`python -m bench relevance`: how well both engines put the right rows first.

Two judged query sets. The demo network's own content (bench/relevance_demo.py:
the network `make run` builds, in the benchmark database, with citizen queries
typed on its portals). And the issue's queries over hand-written rows
(bench/relevance_queries.json: imported documents, demo-style articles where
the words appear scattered or only after folding) and families generated from
public-domain-style subjects of party documents, each a document and rows
built to outrank it under a loose ranking (the subject's words scattered over
a title, look-alike syllables, its number's digits elsewhere). Every query
lists the rows that should come first. The rows are written to a unit of
their own in the benchmark database and to an Elasticsearch index of their
own; both engines answer the same queries from that unit's portal.

Figures: nDCG@10 (binary gains) and recall@3 per engine, the worst queries,
and every query whose best row is ranked below 3rd (goal: none).
"""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.publications.models import Publication
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision
from search.elastic import index
from search.elastic.client import get_client
from search.engines import engine_named
from search.postgres.indexing import store_attachment_text
from search.query import SearchQuery
from search.spelling import search_with_corrections
from search.text import fold, words

from . import relevance_demo
from .common import Figure, Goal, Report, say

QUERIES_FILE = Path(__file__).with_name("relevance_queries.json")
UNIT_CODE = "KIEM-DINH-TIM-KIEM"
INDEX_ALIAS = "bench-relevance-publications"
FIRST_OBJECT_ID = 5_000_000
DEPTH = 10
GOAL_NDCG = 0.90
GOAL_GAP = 0.02
WORST_SHOWN = 8

# Subjects of generated families: (document type, its abbreviation, subject).
SUBJECTS = [
    ("Kế hoạch", "KH", "phòng chống thiên tai và tìm kiếm cứu nạn"),
    ("Nghị quyết", "NQ", "phát triển kinh tế tập thể"),
    ("Chỉ thị", "CT", "tăng cường công tác bảo vệ rừng"),
    ("Thông báo", "TB", "kết luận về công tác cán bộ"),
    ("Báo cáo", "BC", "tổng kết công tác kiểm tra giám sát"),
    ("Hướng dẫn", "HD", "sinh hoạt chi bộ theo chuyên đề"),
    ("Quyết định", "QĐ", "khen thưởng tổ chức cơ sở đảng"),
    ("Kế hoạch", "KH", "tuyên truyền bầu cử đại biểu Quốc hội"),
    ("Công văn", "CV", "thu nộp đảng phí năm 2025"),
    ("Kế hoạch", "KH", "xây dựng nông thôn mới kiểu mẫu"),
    ("Nghị quyết", "NQ", "nâng cao chất lượng đảng viên"),
    ("Chỉ thị", "CT", "lãnh đạo đại hội đảng bộ cơ sở"),
    ("Báo cáo", "BC", "tình hình an ninh trật tự"),
    ("Kế hoạch", "KH", "học tập và làm theo tư tưởng đạo đức Hồ Chí Minh"),
    ("Thông báo", "TB", "lịch tiếp công dân của bí thư"),
    ("Hướng dẫn", "HD", "kiểm điểm tập thể và cá nhân cuối năm"),
    ("Quyết định", "QĐ", "thành lập ban chỉ đạo cải cách hành chính"),
    ("Kế hoạch", "KH", "ứng dụng công nghệ thông tin trong cơ quan đảng"),
    ("Báo cáo", "BC", "kết quả giảm nghèo bền vững"),
    ("Nghị quyết", "NQ", "phát triển du lịch cộng đồng"),
    ("Chỉ thị", "CT", "phòng chống tham nhũng lãng phí"),
    ("Kế hoạch", "KH", "kỷ niệm ngày thành lập Mặt trận Tổ quốc"),
    ("Thông báo", "TB", "ý kiến chỉ đạo về giải phóng mặt bằng"),
    ("Công văn", "CV", "chuẩn bị văn kiện đại hội"),
]
ISSUERS = ("HU", "TU", "ĐU", "BTGTU", "UBKTTU")
# Syllables and look-alikes that fold the same: the look-alike rows of a family.
LOOK_ALIKES = {
    "phòng": "phóng",
    "công": "cống",
    "tác": "tạc",
    "cán": "cạn",
    "bộ": "bổ",
    "kiểm": "kiếm",
    "chi": "chí",
    "đảng": "dạng",
    "bầu": "bấu",
    "nông": "nống",
    "thôn": "thổn",
    "tiếp": "tiệp",
    "dân": "dẫn",
    "cải": "cãi",
    "thông": "thống",
    "tin": "tín",
    "nghèo": "nghẹo",
    "du": "dụ",
    "lịch": "lích",
    "tham": "thâm",
    "mặt": "mát",
    "trận": "trần",
    "văn": "vẫn",
    "kiện": "kiến",
}


def documents_and_queries() -> tuple[list[dict], list[dict]]:
    data = json.loads(QUERIES_FILE.read_text(encoding="utf-8"))
    documents, queries = list(data["documents"]), list(data["queries"])
    for position, (doc_type, abbreviation, subject) in enumerate(SUBJECTS):
        family_documents, family_queries = _family(position, doc_type, abbreviation, subject)
        documents += family_documents
        queries += family_queries
    vocabulary = {
        word
        for document in documents
        for field in ("title", "summary", "body", "attachment", "number")
        for word in words(fold(document.get(field, "")))
    }
    for position, (_type, _abbreviation, subject) in enumerate(SUBJECTS):
        if position % 2 == 0:
            queries += _slip(subject, f"f{position}", vocabulary)
    return documents, queries


def _slip(subject: str, key: str, vocabulary: set[str]) -> list[dict]:
    """The subject with one letter missing from its longest syllable, where that makes no word
    of the corpus (a slip into another real word, "cường" typed "cung", is not corrected)."""
    syllables = subject.split()
    longest = max(syllables, key=lambda word: len(fold(word)))
    folded = fold(longest)
    slips = [folded[:i] + folded[i + 1 :] for i in range(1, len(folded))]
    slip = next((slip for slip in slips if slip not in vocabulary), None)
    if len(folded) < 5 or slip is None:
        return []
    text = " ".join(slip if syllable == longest else syllable for syllable in syllables)
    return [{"q": text, "relevant": [key]}]


def _family(index: int, doc_type: str, abbreviation: str, subject: str):
    """A document on `subject` and rows built to outrank it under a loose ranking."""
    number = f"{100 + index * 7}-{abbreviation}/{ISSUERS[index % len(ISSUERS)]}"
    key = f"f{index}"
    syllables = subject.split()
    scattered = " ".join(
        f"{syllable} {filler}"
        for syllable, filler in zip(reversed(syllables), _fillers(len(syllables)), strict=True)
    )
    looks = [LOOK_ALIKES.get(syllable, syllable) for syllable in syllables]
    documents = [
        {
            "key": key,
            "title": f"{doc_type} về {subject}",
            "number": number,
            "kind": "document",
            "summary": f"Triển khai {subject} trên địa bàn năm 2025.",
            "body": f"Các chi bộ, đảng bộ trực thuộc thực hiện {subject}; báo cáo kết quả.",
        },
        {
            "key": f"{key}-scattered",
            "title": f"Tin hoạt động: {scattered}",
            "kind": "article",
            "summary": scattered,
            "body": scattered,
        },
        {
            "key": f"{key}-number",
            "title": f"Tin vắn số {number.split('-')[0]}",
            "kind": "article",
            "summary": f"{number.split('-')[0]} {abbreviation} {number.split('-')[0]}",
            "body": "",
        },
    ]
    if looks != syllables:
        documents.append(
            {
                "key": f"{key}-looks",
                "title": f"Tin địa phương: {' '.join(looks)}",
                "kind": "article",
                "summary": " ".join(looks),
                "body": "",
            }
        )
    queries = [
        {"q": subject, "relevant": [key]},
        {"q": fold(subject), "relevant": [key]},
        {"q": number, "relevant": [key]},
    ]
    return documents, queries


def _fillers(count: int) -> list[str]:
    words = ["tại", "cùng", "với", "và", "cho", "theo", "trong", "ngoài", "qua", "trên", "dưới"]
    return [words[i % len(words)] + " nhiều nơi" for i in range(count)]


def _unit() -> Unit:
    unit = Unit.objects.filter(code=UNIT_CODE).first()
    if unit is None:
        spec = UnitSpec(
            "Đảng bộ Kiểm định tìm kiếm", UNIT_CODE, "province", ["kiem-dinh.bench.localhost"]
        )
        unit = provision(spec).unit
    return unit


@transaction.atomic
def _write(unit: Unit, documents: list[dict]) -> dict[int, str]:
    """The unit's ledger rows, anew; publication id -> key."""
    Publication.objects.filter(unit=unit).delete()
    keys = {}
    now = timezone.now()
    for offset, document in enumerate(documents):
        kind = document.get("kind", "document")
        row = Publication.objects.create(
            unit=unit,
            kind=kind,
            object_id=FIRST_OBJECT_ID + offset,
            title=document["title"],
            summary=document.get("summary", ""),
            body_text=document.get("body", ""),
            url=f"https://kiem-dinh.bench.localhost/{offset}/",
            doc_number=document.get("number", ""),
            doc_type="Văn bản" if kind == "document" else "",
            issuer="Ban Thường vụ" if kind == "document" else "",
            issued=datetime.date(2025, 1, 1) + datetime.timedelta(days=offset)
            if kind == "document"
            else None,
            published_at=now - datetime.timedelta(minutes=offset),
            updated_at=now,
            # The Elasticsearch documents carry the stored text of rows with files.
            attachments=[{"title": "Toàn văn", "url": "/toan-van.pdf"}]
            if document.get("attachment")
            else [],
        )
        keys[row.pk] = document["key"]
        if document.get("attachment"):
            store_attachment_text(row.pk, document["attachment"])
    return keys


def _elasticsearch_index(rows) -> None:
    settings.PORTAL_SEARCH_INDEX = INDEX_ALIAS
    client = get_client()
    for name in index.indices_behind_alias(client):
        client.indices.delete(index=name)
    index.ensure_index(client)
    index.load(client, INDEX_ALIAS, rows)
    client.indices.refresh(index=INDEX_ALIAS)


def _ranks(engine, queries: list[dict], keys: dict[int, str]) -> list[list[str]]:
    ranked = []
    for query in queries:
        search = SearchQuery(
            text=query["q"], scope=query["scope"], unit_id=query["unit_id"], page_size=DEPTH
        )
        results = search_with_corrections(engine, search, engine.search(search))
        ranked.append([keys.get(hit.publication_id, "?") for hit in results.hits])
    return ranked


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def ndcg(found: list[str], relevant: list[str]) -> float:
    gains = sum(
        1 / math.log2(rank + 2) for rank, key in enumerate(found[:DEPTH]) if key in relevant
    )
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), DEPTH)))
    return gains / ideal


def recall_at_3(found: list[str], relevant: list[str]) -> float:
    return len(set(found[:3]) & set(relevant)) / min(len(relevant), 3)


def best_rank(found: list[str], relevant: list[str]) -> int | None:
    return next((rank + 1 for rank, key in enumerate(found) if key in relevant), None)


def run() -> Report:
    demo_units = relevance_demo.build()
    demo_keys, demo_queries = relevance_demo.judged_queries(demo_units)
    unit = _unit()
    documents, queries = documents_and_queries()
    queries = [q | {"unit_id": unit.pk, "scope": "portal"} for q in queries]
    keys = _write(unit, documents) | demo_keys
    say(
        f"relevance: {len(demo_queries)} queries over {len(demo_keys)} rows of the demo network,"
        f" {len(queries)} over {len(documents)} generated rows…"
    )
    queries, demo_count = demo_queries + queries, len(demo_queries)
    engines = {"postgres": engine_named("postgres")}
    if settings.ELASTICSEARCH_URL:
        _elasticsearch_index(Publication.objects.filter(unit__in=[unit, *demo_units.values()]))
        engines["elasticsearch"] = engine_named("elasticsearch")
    report = Report(
        f"relevance — {len(queries)} judged queries: {len(demo_queries)} over the demo network"
        f" ({len(demo_keys)} rows), {len(queries) - len(demo_queries)} over {len(documents)}"
        " generated rows"
    )
    scores = {}
    for name, engine in engines.items():
        ranked = _ranks(engine, queries, keys)
        per_query = [ndcg(found, q["relevant"]) for found, q in zip(ranked, queries, strict=True)]
        recall = [
            recall_at_3(found, q["relevant"]) for found, q in zip(ranked, queries, strict=True)
        ]
        late = [
            (q["q"], best_rank(found, q["relevant"]))
            for found, q in zip(ranked, queries, strict=True)
            if (best_rank(found, q["relevant"]) or DEPTH + 1) > 3
        ]
        scores[name] = sum(per_query) / len(per_query)
        report.notes.append(
            f"{name}: nDCG@10 {scores[name]:.3f}, recall@3 {sum(recall) / len(recall):.3f}"
            f" (demo network: nDCG@10 {_mean(per_query[:demo_count]):.3f},"
            f" recall@3 {_mean(recall[:demo_count]):.3f}; generated rows: nDCG@10"
            f" {_mean(per_query[demo_count:]):.3f}, recall@3 {_mean(recall[demo_count:]):.3f})"
        )
        at_least = Goal(f"≥ {GOAL_NDCG}", lambda figure: figure.value >= GOAL_NDCG)
        report.figures.append(
            Figure(f"{name}: nDCG@10", scores[name], "score", 1.0, "perfect", [at_least])
        )
        report.figures.append(
            Figure(f"{name}: recall@3", sum(recall) / len(recall), "score", 1.0, "perfect")
        )
        report.notes.append(
            f"{name}: {len(late)} queries whose best row is below 3rd (goal: none)"
            + (
                ": " + "; ".join(f"“{text}” at {rank or '—'}" for text, rank in late)
                if late
                else ""
            )
        )
        worst = sorted(zip(per_query, queries, ranked, strict=True), key=lambda item: item[0])
        report.notes.append(
            f"{name}, worst queries: "
            + "; ".join(
                f"“{q['q']}” {score:.2f} (best row at {best_rank(found, q['relevant']) or '—'})"
                for score, q, found in worst[:WORST_SHOWN]
            )
        )
    if len(scores) == 2:
        gap = abs(scores["postgres"] - scores["elasticsearch"])
        report.notes.append(
            f"engines within {gap:.3f} nDCG@10 of each other (goal ≤ {GOAL_GAP}): "
            + ("PASS" if gap <= GOAL_GAP else "MISS")
        )
    return report
