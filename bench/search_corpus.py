"""The search benchmarks' corpus: realistic Vietnamese ledger rows over the fleet's 100 units.

Both search benchmarks (bench/search_pg.py, bench/search_es.py) use it, so
their figures are about the same content. Rows are generated in SQL,
set-based (row i's choices are hashes of i: the same N gives the same rows),
in parallel batches with the ledger's triggers off and the search trigger's
work done set-based by its own SQL functions; then every row must have its
unit and search row, and a sample recomputed through the trigger must match.
`ensure_corpus(n)` tops the corpus up to n rows and keeps it between runs. Size:
BENCH_SEARCH_ENTRIES (default below), stated in the tables.
"""

from __future__ import annotations

import json
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings

from portal.publications.models import Publication
from portal.tenancy.models import Unit
from search.engines import engine_named, get_engine

from .common import say
from .units import CODE

DEFAULT_ENTRIES = 100_000
FIRST_OBJECT_ID = 10_000_000
BATCH = 20_000
WORKERS = 2  # batches generated side by side (the text functions are CPU-bound)
SEED = 2025

DOC_TYPES = {
    "Báo cáo": "BC",
    "Thông báo": "TB",
    "Kế hoạch": "KH",
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Công văn": "CV",
    "Tờ trình": "TTr",
    "Hướng dẫn": "HD",
}
ISSUERS = (
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Ủy ban nhân dân",
    "Ban Tuyên giáo",
    "Ban Tổ chức",
    "Ủy ban Kiểm tra",
)
SUBJECTS = (
    "công tác xây dựng Đảng",
    "chuyển đổi số",
    "ứng dụng công nghệ thông tin",
    "phòng chống thiên tai",
    "phát triển kinh tế xã hội",
    "cải cách hành chính",
    "xây dựng nông thôn mới",
    "bảo vệ môi trường",
    "công tác dân vận",
    "quốc phòng an ninh",
    "giáo dục chính trị tư tưởng",
    "kết luận của Ban Thường vụ",
    "phòng chống tham nhũng lãng phí",
    "đại hội Đảng bộ",
    "thu hút đầu tư",
    "chăm sóc sức khỏe nhân dân",
    "giảm nghèo bền vững",
    "học tập và làm theo tư tưởng đạo đức phong cách Hồ Chí Minh",
)
ACTIONS = (
    "Triển khai",
    "Tổng kết",
    "Sơ kết",
    "Thực hiện",
    "Tăng cường",
    "Đẩy mạnh",
    "Kiểm tra",
    "Lãnh đạo",
)
PERIODS = ("quý I", "quý II", "6 tháng đầu năm", "năm", "nhiệm kỳ 2020-2025", "giai đoạn 2021-2025")
SENTENCES = (
    "Các cấp ủy, tổ chức đảng quán triệt sâu sắc và tổ chức thực hiện nghiêm túc.",
    "Đội ngũ cán bộ, đảng viên phát huy tinh thần trách nhiệm, gương mẫu đi đầu.",
    "Kết quả đạt được góp phần quan trọng vào sự phát triển của địa phương.",
    "Công tác tuyên truyền được đổi mới về nội dung và hình thức.",
    "Hạ tầng công nghệ thông tin và dữ liệu số từng bước được hoàn thiện.",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững.",
    "Đời sống vật chất và tinh thần của nhân dân không ngừng được nâng lên.",
    "Một số nhiệm vụ còn chậm, cần tập trung chỉ đạo khắc phục trong thời gian tới.",
)


def corpus_size() -> int:
    return int(os.environ.get("BENCH_SEARCH_ENTRIES", DEFAULT_ENTRIES))


def fleet_units() -> list[Unit]:
    return list(Unit.objects.filter(code__startswith=CODE).order_by("path"))


def _pick(salt: int, array: str) -> str:
    """SQL: an element of the array parameter `array` chosen by row i's hash with `salt`."""
    return f"(%({array})s::text[])[1 + mod({_hash(salt)}, cardinality(%({array})s::text[]))]"


def _hash(salt: int) -> str:
    """SQL: a non-negative pseudo-random integer fixed by (row index i, salt)."""
    return f"(hashint8extended(g.i, {salt}) & 2147483647)"


# Row i: its unit is the fleet's unit i mod 100, 70 % are documents. Every choice is a hash
# of (i, salt), so the same N gives the same rows. Lower-cased actions come as a parameter:
# the database's lower() may only fold ASCII.
ROWS_SQL = f"""
SELECT g.i, u.id AS unit_id, u.code, u.name, mod({_hash(1)}, 100) < 70 AS is_document,
       DATE '2015-01-01' + mod({_hash(2)}, 4000)::int AS issued,
       {_pick(3, "subjects")} AS subject, {_pick(4, "actions")} AS action,
       {_pick(5, "actions_lower")} AS action_lower, {_pick(6, "periods")} AS period,
       {_pick(7, "sentences")} AS sentence, {_pick(8, "doc_types")} AS doc_type,
       {_pick(9, "issuers")} AS issuer, 1 + mod({_hash(10)}, 999) AS serial,
       (SELECT string_agg(
                 (%(sentences)s::text[])[
                   1 + mod(hashint8extended(g.i, 100 + n) & 2147483647,
                           cardinality(%(sentences)s::text[]))],
                 ' ' ORDER BY n)
        FROM generate_series(1, 4 + mod({_hash(11)}, 9)) AS n) AS body
FROM generate_series(%(start)s::bigint, %(stop)s::bigint - 1) AS g(i)
JOIN unnest(%(unit_ids)s::bigint[], %(unit_codes)s::text[], %(unit_names)s::text[])
     WITH ORDINALITY AS u(id, code, name, position) ON u.position = 1 + mod(g.i, %(unit_count)s)
"""

# The ledger rows, then their search rows computed set-based with the trigger's own
# functions (portal_search_document, ...), as the trigger would for rows without attachments.
INSERT_SQL = f"""
WITH r AS ({ROWS_SQL}),
ledger AS (
  INSERT INTO portal_publications_publication (
    unit_id, kind, object_id, status, url, title, summary, body_text, section_title, section_url,
    doc_number, doc_type, issuer, signer, issued, field, image_url, attachments, author,
    contributor, image_count, video_count, published_at, updated_at, version, index_pending,
    changed_at)
  SELECT unit_id, CASE WHEN is_document THEN 'document' ELSE 'article' END,
         %(first_object_id)s + i, 'live',
         CASE WHEN is_document THEN 'https://bench.localhost/van-ban/'
              ELSE 'https://bench.localhost/tin-tuc/' END || (%(first_object_id)s + i) || '/',
         CASE WHEN is_document
              THEN doc_type || ' về ' || action_lower || ' ' || subject || ' ' || period
              ELSE action || ' ' || subject || ' tại ' || name END,
         CASE WHEN is_document THEN action || ' ' || subject || '. ' || sentence ELSE sentence END,
         body, '', '',
         CASE WHEN is_document
              THEN serial || '-' || (%(abbreviations)s::jsonb ->> doc_type) || '/'
                   || replace(code, '-', '')
              ELSE '' END,
         CASE WHEN is_document THEN doc_type ELSE '' END,
         CASE WHEN is_document THEN issuer || ' ' || name ELSE '' END,
         '', CASE WHEN is_document THEN issued END, '', '', '[]'::jsonb, '', '', 0, 0,
         (issued + TIME '08:00') AT TIME ZONE %(time_zone)s,
         (issued + TIME '08:00') AT TIME ZONE %(time_zone)s, 1, false, now()
  FROM r
  RETURNING *
)
INSERT INTO portal_search_searchentry (
  publication_id, unit_id, live, kind, doc_type, issuer, doc_key, day, year, published_at,
  attachment_text, document, main, exact, facets)
SELECT id, unit_id, status = 'live', kind, doc_type, issuer, portal_search_doc_key(doc_number),
       day, extract(year FROM day), published_at, '',
       portal_search_document(title, doc_number, summary, body_text, ''), NULL,
       portal_search_exact(title, doc_number, summary, body_text, ''),
       portal_search_facets(unit_id, kind, doc_type, issuer, extract(year FROM day)::int)
FROM (SELECT *, coalesce(issued, (published_at AT TIME ZONE %(time_zone)s)::date) AS day
      FROM ledger) AS l
"""

ENTRY_COLUMNS = (
    "unit_id, live, kind, doc_type, issuer, doc_key, day, year, published_at,"
    " document, main, exact, facets"
)


def _generate(
    start: int, stop: int, units: list[Unit], first_object_id: int = FIRST_OBJECT_ID
) -> int:
    """Rows start..stop-1 in one statement, with the ledger's triggers off (the search
    trigger's work is done set-based; foreign keys are checked by check_corpus). Row i's
    object id is first_object_id + i."""
    params = {
        "start": start,
        "stop": stop,
        "unit_ids": [unit.pk for unit in units],
        "unit_codes": [unit.code for unit in units],
        "unit_names": [unit.name for unit in units],
        "unit_count": len(units),
        "subjects": list(SUBJECTS),
        "actions": list(ACTIONS),
        "actions_lower": [action.lower() for action in ACTIONS],
        "periods": list(PERIODS),
        "sentences": list(SENTENCES),
        "doc_types": list(DOC_TYPES),
        "abbreviations": json.dumps(DOC_TYPES),
        "issuers": list(ISSUERS),
        "first_object_id": first_object_id,
        "time_zone": settings.TIME_ZONE,
    }
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # Triggers off for this transaction only; unlike ALTER TABLE ... DISABLE TRIGGER it
            # takes no table lock, so several batches load side by side.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(INSERT_SQL, params)
    finally:
        connection.close()  # each batch runs in a pool thread with a connection of its own
    return stop - start


def check_corpus(sample: int = 200) -> None:
    """Every row has its unit and its search row, and a sample of search rows recomputed
    through the trigger equals the bulk load; raises otherwise."""
    select = f"""
        SELECT publication_id, {ENTRY_COLUMNS} FROM portal_search_searchentry
        WHERE publication_id = ANY(%(ids)s) ORDER BY publication_id
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FILTER (WHERE u.id IS NULL),
                      count(*) FILTER (WHERE e.publication_id IS NULL)
               FROM portal_publications_publication p
               LEFT JOIN portal_tenancy_unit u ON u.id = p.unit_id
               LEFT JOIN portal_search_searchentry e ON e.publication_id = p.id
               WHERE p.object_id >= %s""",
            [FIRST_OBJECT_ID],
        )
        orphans, unsearched = cursor.fetchone()
        if orphans or unsearched:
            raise RuntimeError(
                f"corpus rows without a unit: {orphans}, without a search row: {unsearched}"
            )
        cursor.execute(
            "SELECT id FROM portal_publications_publication WHERE object_id >= %s"
            " ORDER BY hashint8(id) LIMIT %s",
            [FIRST_OBJECT_ID, sample],
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(select, {"ids": ids})
        loaded = cursor.fetchall()
        cursor.execute(
            "UPDATE portal_publications_publication SET title = title WHERE id = ANY(%s)", [ids]
        )
        cursor.execute(select, {"ids": ids})
        through_trigger = cursor.fetchall()
    if loaded != through_trigger or len(loaded) != len(ids):
        differing = [a[0] for a, b in zip(loaded, through_trigger, strict=False) if a != b]
        raise RuntimeError(f"bulk-loaded search rows differ from the trigger's: {differing[:10]}")


def _missing_ranges(size: int) -> list[tuple[int, int]]:
    """Row index ranges still to generate. A batch is one transaction: a batch present at all
    holds its first rows (a smaller N loaded earlier), so only its tail can be missing."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (object_id - %(first)s) / %(batch)s, count(*)"
            " FROM portal_publications_publication WHERE object_id >= %(first)s GROUP BY 1",
            {"first": FIRST_OBJECT_ID, "batch": BATCH},
        )
        present = dict(cursor.fetchall())
    ranges = []
    for start in range(0, size, BATCH):
        have = present.get(start // BATCH, 0)
        stop = min(size, start + BATCH)
        if start + have < stop:
            ranges.append((start + have, stop))
    return ranges


def ensure_corpus(size: int | None = None) -> int:
    """Top the corpus up to `size` rows (default: corpus_size()); returns the size."""
    size = size or corpus_size()
    units = fleet_units()
    missing = _missing_ranges(size)
    if not missing:
        return size
    total = sum(stop - start for start, stop in missing)
    say(
        f"generating {total:,} search corpus rows in SQL, {WORKERS} batches at a time"
        " (kept for later runs)…"
    )
    started, done = time.perf_counter(), 0
    with ThreadPoolExecutor(WORKERS) as pool:
        for rows in pool.map(lambda batch: _generate(*batch, units), missing):
            done += rows
            rate = done / (time.perf_counter() - started)
            say(f"  {done:,} of {total:,} rows ({rate:,.0f} rows/s)")
    check_corpus()
    say("every row has its unit and search row; 200 search rows recomputed by the trigger match")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE portal_publications_publication")
        cursor.execute("VACUUM ANALYZE portal_search_searchentry")
    return size


@dataclass(frozen=True)
class Queries:
    """Query texts of each sort, drawn from the corpus's own vocabulary and numbers."""

    typical: list[str]  # 1–4 syllables
    numbers: list[str]  # document numbers present in the corpus, written as people do
    faceted: list[tuple[str, str, int]]  # (text, document type, year)


def sample_queries(count: int = 40, first_object_id: int = FIRST_OBJECT_ID) -> Queries:
    rng = random.Random(SEED)
    syllables = " ".join(SUBJECTS).split()
    typical = []
    for _ in range(count):
        subject = rng.choice(SUBJECTS).split()
        length = rng.randint(1, min(4, len(subject)))
        start = rng.randrange(len(subject) - length + 1)
        typical.append(" ".join(subject[start : start + length]))
    typical[::5] = [rng.choice(syllables) for _ in typical[::5]]
    numbers = list(
        Publication.objects.filter(object_id__gte=first_object_id, kind="document")
        .order_by("?")
        .values_list("doc_number", flat=True)[:count]
    )
    numbers = [
        number.replace("-", " - ", 1) if i % 2 else number for i, number in enumerate(numbers)
    ]
    faceted = [
        (
            rng.choice(SUBJECTS).split(" ", 2)[-1],
            rng.choice(list(DOC_TYPES)),
            rng.randint(2015, 2025),
        )
        for _ in range(count)
    ]
    return Queries(typical=typical, numbers=numbers, faceted=faceted)


def typed_prefixes(texts: list[str]) -> list[str]:
    """What a search box sends while people type `texts`: their first 3 and 6 characters, then
    the whole text (the suggestions benchmark)."""
    prefixes = [text[:cut] for text in texts for cut in (3, 6, len(text))]
    return [prefix for prefix in dict.fromkeys(prefixes) if len(prefix.strip()) >= 2]


def suggestion_times(engine_name: str, unit: Unit, texts: list[str]) -> list[float]:
    """Server time of each suggestion request: `GET /api/search/suggest/?q=...` on `unit`'s
    portal through Django's whole request handling (routing by Host, middleware, the engine
    `engine_name`, JSON), in this process, after one untimed pass."""
    client = Client(HTTP_HOST=unit.primary_domain())
    with override_settings(PORTAL_SEARCH_ENGINE=engine_name):
        if type(get_engine()) is not type(engine_named(engine_name)):
            raise RuntimeError(f"the {engine_name} engine does not answer")
        if not any([_suggested(client, text) for text in texts]):
            raise RuntimeError("no prefix got a suggestion: the timing would mean nothing")
        times = []
        for text in texts:
            start = time.perf_counter()
            _suggested(client, text)
            times.append(time.perf_counter() - start)
    return times


def _suggested(client: Client, text: str) -> bool:
    response = client.get("/api/search/suggest/", {"q": text})
    if response.status_code != 200:
        raise RuntimeError(f"suggestions for {text!r}: HTTP {response.status_code}")
    return bool(response.json()["suggestions"])
