"""The search benchmarks' corpus: realistic Vietnamese ledger rows over the fleet's 100 units.

Both search benchmarks (bench/search_pg.py, bench/search_es.py) use it, so
their figures are about the same content. Rows are generated from a fixed
seed (the same N gives the same rows) and written straight into the ledger
with bulk inserts; `ensure_corpus(n)` tops the corpus up to n rows and keeps
it between runs. Size: BENCH_SEARCH_ENTRIES (default below), stated in the
tables.
"""

from __future__ import annotations

import datetime
import os
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from portal.publications.models import Publication
from portal.tenancy.models import Unit

from .common import say
from .units import CODE

DEFAULT_ENTRIES = 100_000
FIRST_OBJECT_ID = 10_000_000
BATCH = 5_000
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


def _row(index: int, unit: Unit, rng: random.Random) -> Publication:
    subject = rng.choice(SUBJECTS)
    issued = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(4000))
    published_at = timezone.make_aware(datetime.datetime.combine(issued, datetime.time(8)))
    body = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(4, 12)))
    object_id = FIRST_OBJECT_ID + index
    if rng.random() < 0.7:
        doc_type = rng.choice(list(DOC_TYPES))
        number = f"{rng.randint(1, 999)}-{DOC_TYPES[doc_type]}/{unit.code.replace('-', '')}"
        return Publication(
            unit=unit,
            kind="document",
            object_id=object_id,
            url=f"https://bench.localhost/van-ban/{object_id}/",
            title=f"{doc_type} về {rng.choice(ACTIONS).lower()} {subject} {rng.choice(PERIODS)}",
            summary=f"{rng.choice(ACTIONS)} {subject}. {rng.choice(SENTENCES)}",
            body_text=body,
            doc_number=number,
            doc_type=doc_type,
            issuer=f"{rng.choice(ISSUERS)} {unit.name}",
            issued=issued,
            published_at=published_at,
            updated_at=published_at,
        )
    return Publication(
        unit=unit,
        kind="article",
        object_id=object_id,
        url=f"https://bench.localhost/tin-tuc/{object_id}/",
        title=f"{rng.choice(ACTIONS)} {subject} tại {unit.name}",
        summary=rng.choice(SENTENCES),
        body_text=body,
        published_at=published_at,
        updated_at=published_at,
    )


def ensure_corpus(size: int | None = None) -> int:
    """Top the corpus up to `size` rows (default: corpus_size()); returns the size."""
    size = size or corpus_size()
    units = fleet_units()
    existing = Publication.objects.filter(object_id__gte=FIRST_OBJECT_ID).count()
    if existing >= size:
        return size
    say(f"generating search corpus rows {existing:,}–{size:,} (kept for later runs)…")
    for start in range(existing, size, BATCH):
        rows = []
        for index in range(start, min(size, start + BATCH)):
            rng = random.Random(SEED * 1_000_003 + index)  # row i is the same in every run
            rows.append(_row(index, units[index % len(units)], rng))
        with transaction.atomic():
            Publication.objects.bulk_create(rows)
    return size


@dataclass(frozen=True)
class Queries:
    """Query texts of each sort, drawn from the corpus's own vocabulary and numbers."""

    typical: list[str]  # 1–4 syllables
    numbers: list[str]  # document numbers present in the corpus, written as people do
    faceted: list[tuple[str, str, int]]  # (text, document type, year)


def sample_queries(count: int = 40) -> Queries:
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
        Publication.objects.filter(object_id__gte=FIRST_OBJECT_ID, kind="document")
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
