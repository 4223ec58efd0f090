"""The iCalendar feeds (RFC 5545) of the published schedule: the unit's and each leader's.

Each item is a VEVENT whose UID names the unit and the item, so it never
changes; SEQUENCE follows the item's recorded changes and a postponed item is
STATUS:CANCELLED, so calendar apps update their copy. Times are wall-clock
times in Asia/Ho_Chi_Minh, with its VTIMEZONE.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from portal.tenancy import addresses

from .weeks import Week

ZONE = ZoneInfo(settings.TIME_ZONE)
WEEKS_BACK = 12  # how much of the past a subscribed calendar keeps receiving
DEFAULT_LENGTH = datetime.timedelta(hours=1)


def uid_of(item, unit) -> str:
    return f"lich-cong-tac-{item.pk}@{unit.code.lower()}.portal"


def event_of(item, unit, page_url: str) -> Event:
    start = datetime.datetime.combine(item.date, item.start, tzinfo=ZONE)
    end = datetime.datetime.combine(item.date, item.end, tzinfo=ZONE) if item.end else None
    event = Event()
    event.add("uid", uid_of(item, unit))
    event.add("dtstamp", item.updated_at)
    event.add("last-modified", item.updated_at)
    event.add("sequence", item.sequence)
    event.add("dtstart", start)
    event.add("dtend", end or start + DEFAULT_LENGTH)
    event.add("summary", item.title)
    if item.location:
        event.add("location", item.location)
    lines = [", ".join(f"{leader.name} ({leader.title})" for leader in item.leaders.all())]
    lines += [text for text in (item.attendees, item.preparer, item.change_note) if text]
    event.add("description", "\n".join(line for line in lines if line))
    event.add("url", f"{page_url}{Week.of(item.date).slug}/")
    event.add("status", "CANCELLED" if item.postponed else "CONFIRMED")
    return event


def feed_for(request, items, leader, page_path: str) -> bytes:
    """The feed of `items` (published, in order): the unit's, or `leader`'s."""
    unit = request.tenant
    name = f"Lịch công tác – {unit.name}" + (f" – {leader.name}" if leader else "")
    calendar = Calendar()
    calendar.add("prodid", "-//Cổng thông tin điện tử//Lịch công tác//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    page_url = addresses.absolute(page_path, request)
    for item in items:
        calendar.add_component(event_of(item, unit, page_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
