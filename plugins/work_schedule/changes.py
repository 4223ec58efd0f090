"""Changes to a published week: what changed in an item, recorded on the item itself.

An item edited after its week was first published carries the note of what
changed ("Giờ: 08:00 → 14:00"), the time of the change and a higher SEQUENCE
(calendar apps replace their copy); marking it "Hoãn" records that too. An
item added to a published week is recorded as an addition.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

TRACKED = ("date", "time", "leaders", "title", "location", "attendees", "preparer")


def _labels() -> dict[str, str]:
    return {
        "date": _("Ngày"),
        "time": _("Giờ"),
        "leaders": _("Lãnh đạo"),
        "title": _("Nội dung"),
        "location": _("Địa điểm"),
        "attendees": _("Thành phần"),
        "preparer": _("Chuẩn bị"),
    }


def snapshot(item) -> dict[str, str] | None:
    """What an item shows, as text, to compare before and after an edit (None: new item)."""
    if item.pk is None:
        return None
    return {
        "date": f"{item.date:%d/%m/%Y}",
        "time": item.time_label,
        "leaders": ", ".join(leader.name for leader in item.leaders.all()),
        "title": item.title,
        "location": item.location,
        "attendees": item.attendees,
        "preparer": item.preparer,
        "postponed": item.postponed,
    }


def describe(before: dict | None, after: dict) -> str:
    """The change from `before` to `after` in words, or "" when nothing shown changed."""
    if before is None:
        return _("Bổ sung sau khi công bố lịch.")
    labels = _labels()
    parts = [
        f"{labels[field]}: {before[field] or '–'} → {after[field] or '–'}"
        for field in TRACKED
        if before[field] != after[field]
    ]
    if after["postponed"] != before["postponed"]:
        parts.append(_("Hoãn") if after["postponed"] else _("Tổ chức lại theo lịch"))
    return "; ".join(parts)


def record(item, before: dict | None) -> None:
    """After `item` and its leaders are saved: note the change if its week was published."""
    if not item.week.was_published:
        return
    note = describe(before, snapshot(item))
    if not note:
        return
    item.sequence += 1
    item.change_note = f"{item.change_note}; {note}" if item.change_note else note
    item.changed_at = timezone.now()
    item.save(update_fields=["sequence", "change_note", "changed_at", "updated_at"])
