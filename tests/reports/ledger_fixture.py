"""Known ledger rows across units, with the figures a report must show for them."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from portal.publications.models import Publication, PublicationStatus
from portal.reports import figures

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=9, minute=0, zone=LOCAL):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


def row(unit, object_id, kind="article", *, published, status=PublicationStatus.LIVE, **fields):
    fields.setdefault("title", f"{kind} {object_id}")
    return Publication.objects.create(
        unit=unit,
        kind=kind,
        object_id=object_id,
        status=status,
        url=f"https://example.vn/{object_id}/",
        published_at=published,
        updated_at=published,
        **fields,
    )


def build(network):
    """The rows; see EXPECTED_* below for what July 2025 must show."""
    a, b, ca = (network.unit(key) for key in ("district_a", "district_b", "commune_a"))
    news = "Tin tức - Sự kiện"
    row(
        a,
        1,
        published=at(2025, 7, 2, 8),
        section_title=news,
        author="Trần Thị Bình",
        image_count=2,
        video_count=1,
        submitted_at=at(2025, 7, 1, 8),
        approved_at=at(2025, 7, 1, 20),
    )
    row(
        a,
        2,
        published=at(2025, 7, 15, 10),
        section_title=news,
        contributor="district_a-contributor",
        image_count=1,
        submitted_at=at(2025, 7, 14, 10),
        approved_at=at(2025, 7, 15, 10),
    )
    # 20:00 UTC on 31 July is 03:00 on 1 August in Viet Nam: an August item.
    row(
        a,
        3,
        published=at(2025, 7, 31, 20, zone=datetime.UTC),
        section_title=news,
        author="Trần Thị Bình",
    )
    row(a, 4, published=at(2025, 7, 10), status=PublicationStatus.WITHDRAWN, section_title=news)
    row(
        a,
        5,
        "document",
        published=at(2025, 7, 20),
        section_title="Văn bản",
        contributor="district_a-editor",
    )
    row(a, 6, "video", published=at(2025, 7, 5), section_title="Video", author="Đội video")
    row(ca, 1, published=at(2025, 7, 3), section_title="Tin tức", author="Lê Văn C", image_count=3)
    row(b, 1, published=at(2025, 7, 4), section_title="Tin tức", author="Phạm D")
    row(b, 2, published=at(2025, 6, 30, 23), section_title="Tin tức", author="Phạm D")


EXPECTED_A_JULY = {"article": 2, "document": 1, "photo": 3, "video": 2}
EXPECTED_A_SECTIONS = [("Tin tức - Sự kiện", 2), ("Video", 1), ("Văn bản", 1)]
EXPECTED_A_AUTHORS = [
    ("district_a-contributor", 1),
    ("district_a-editor", 1),
    ("Trần Thị Bình", 1),
    ("Đội video", 1),
]
EXPECTED_NETWORK_JULY_TOTALS = {"article": 4, "document": 1, "photo": 6, "video": 2}


def every_figure(expected: dict[str, int]) -> dict[str, int]:
    """`expected` with a zero for every other figure (the kinds plugins register)."""
    return {slug: expected.get(slug, 0) for slug in figures.metric_labels()}


def summary_rows(expected: dict[str, int]) -> list[list]:
    """The summary sheet's rows for `expected`, in the report's order of figures."""
    return [[label, expected.get(slug, 0)] for slug, label in figures.metric_labels().items()]


def figure_values(expected: dict[str, int]) -> list[int]:
    """`expected` as one row's cells, in the report's order of figures."""
    return [expected.get(slug, 0) for slug in figures.metric_labels()]
