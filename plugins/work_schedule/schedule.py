"""How the schedule is shown: day labels, the feeds a page announces, the days ahead."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.tenancy import addresses
from portal.theme.naming import WEEKDAYS


def day_label(day) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"


def feed_links(request, page, leader) -> list[dict]:
    """The calendar feeds the page announces: the unit's, and the chosen leader's."""
    base = addresses.absolute(f"{page.url}ical/", request)
    links = [{"title": _("Lịch công tác của đơn vị"), "href": base}]
    if leader is not None:
        links.append({"title": _("Lịch công tác của %s") % leader.name,
                      "href": f"{base}?lanh-dao={leader.pk}"})  # fmt: skip
    return links


def days_ahead(count: int) -> list[datetime.date]:
    today = timezone.localdate()
    return [today + datetime.timedelta(days=n) for n in range(count)]
