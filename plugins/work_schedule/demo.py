"""Sample schedule for the demo network: the unit's leaders, this week and last week,
published, with one item changed and one postponed after publication (sample content)."""

from __future__ import annotations

import datetime

from . import changes
from .models import Leader, ScheduleItem, ScheduleWeek
from .weeks import Week

# The level's party committee and the place its People's Committee governs.
PLACES = {"province": ("Tỉnh ủy", "tỉnh"), "district": ("Huyện ủy", "huyện"),
          "commune": ("Đảng ủy xã", "xã")}  # fmt: skip
LEADERS = (
    ("Nguyễn Văn Bình", "Bí thư {party}"),
    ("Trần Thị Hoa", "Phó Bí thư Thường trực {party}"),
    ("Lê Minh Tuấn", "Phó Bí thư {party}, Chủ tịch UBND {place}"),
)
# weekday (0 = Monday), start, end, leaders (indexes), what, where, who attends, who prepares
ITEMS = (
    (0, "07:30", "08:30", (0, 1, 2), "Chào cờ đầu tuần, giao ban Thường trực",
     "Phòng họp số 1", "Các đồng chí Ủy viên Ban Thường vụ", "Văn phòng"),
    (0, "14:00", "17:00", (2,), "Làm việc với các phòng, ban về tiến độ giải ngân vốn đầu tư công",
     "Hội trường UBND", "Trưởng các phòng, ban liên quan", "Phòng Tài chính - Kế hoạch"),
    (1, "08:00", "11:30", (0,), "Dự hội nghị sơ kết công tác xây dựng Đảng",
     "Hội trường lớn", "Ban Tổ chức, Ban Tuyên giáo và Dân vận", "Ban Tổ chức"),
    (2, "08:00", None, (1,), "Tiếp công dân định kỳ",
     "Trụ sở Tiếp công dân", "Ủy ban Kiểm tra, Thanh tra", "Ban Tiếp công dân"),
    (3, "07:30", "16:30", (0, 2), "Kiểm tra mô hình sản xuất nông nghiệp tại cơ sở",
     "Các xã, thị trấn", "Phòng Nông nghiệp và Môi trường", "Văn phòng"),
    (4, "14:00", "16:00", (1,), "Họp Ban Chỉ đạo chuyển đổi số",
     "Phòng họp trực tuyến", "Thành viên Ban Chỉ đạo", "Văn phòng"),
)  # fmt: skip


def _time(text):
    return datetime.time.fromisoformat(text) if text else None


def fill(unit, author) -> int:
    """Leaders and two published weeks, once: nothing is added where a week exists."""
    party, place = PLACES.get(unit.level.code, ("Đảng ủy", ""))
    leaders = []
    for order, (name, title) in enumerate(LEADERS):
        leader, _created = Leader.objects.get_or_create(
            name=name,
            defaults={"title": title.format(party=party, place=place), "sort_order": order},
        )
        leaders.append(leader)
    made = 0
    this_week = Week.current()
    for week in (this_week.shifted(-1), this_week):
        if ScheduleWeek.objects.filter(year=week.year, number=week.number).exists():
            continue
        for weekday, start, end, who, title, location, attendees, preparer in ITEMS:
            item = ScheduleItem.objects.create(
                date=week.days[weekday], start=_time(start), end=_time(end), title=title,
                location=location, attendees=attendees, preparer=preparer,
            )  # fmt: skip
            item.leaders.set([leaders[n] for n in who])
            made += 1
        row = ScheduleWeek.objects.get(year=week.year, number=week.number)
        row.note = "Lịch công tác mẫu của mạng lưới thử nghiệm; có thể thay đổi."
        row.published = True
        row.save()
        if week == this_week:
            _change_after_publication(week)
    return made


def _change_after_publication(week: Week) -> None:
    """One item moved to another room, one postponed: what the office does every week."""
    items = ScheduleItem.objects.filter(week__year=week.year, week__number=week.number)
    moved = items.get(title__startswith="Dự hội nghị sơ kết")
    before = changes.snapshot(moved)
    moved.location, moved.start = "Phòng họp số 2", datetime.time(8, 30)
    moved.save()
    changes.record(moved, before)
    postponed = items.get(title__startswith="Họp Ban Chỉ đạo")
    before = changes.snapshot(postponed)
    postponed.postponed, postponed.postponed_reason = True, "Lãnh đạo dự họp tại cấp trên"
    postponed.save()
    changes.record(postponed, before)
