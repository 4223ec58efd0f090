"""Report periods: a month (2025-07), a quarter (2025-Q3) or a year (2025), in local time."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|[Qq](?P<quarter>\d)))?$")
FIRST_YEAR = 2000


class PeriodError(ValueError):
    """A period string that makes no sense; the message says what is expected."""


@dataclass(frozen=True)
class Period:
    """A half-open span of local dates [first, after) with its canonical name."""

    name: str
    first: datetime.date
    after: datetime.date

    @classmethod
    def parse(cls, text: str) -> Period:
        match = PATTERN.match((text or "").strip())
        if not match:
            raise PeriodError(
                _(
                    "Kỳ báo cáo “%(text)s” không hợp lệ: dùng YYYY-MM (tháng), YYYY-QN (quý) "
                    "hoặc YYYY (năm), ví dụ 2025-07, 2025-Q3, 2025."
                )
                % {"text": text}
            )
        year = int(match["year"])
        if not FIRST_YEAR <= year <= timezone.localdate().year:
            raise PeriodError(
                _("Năm %(year)s nằm ngoài khoảng có số liệu (%(first)s đến nay).")
                % {"year": year, "first": FIRST_YEAR}
            )
        if match["month"]:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise PeriodError(
                    _("Tháng %(month)s không tồn tại: tháng từ 01 đến 12.")
                    % {"month": match["month"]}
                )
            first = datetime.date(year, month, 1)
            after = _add_months(first, 1)
            return cls(f"{year}-{month:02d}", first, after)
        if match["quarter"]:
            quarter = int(match["quarter"])
            if not 1 <= quarter <= 4:
                raise PeriodError(
                    _("Quý %(quarter)s không tồn tại: quý từ 1 đến 4.") % {"quarter": quarter}
                )
            first = datetime.date(year, 3 * quarter - 2, 1)
            return cls(f"{year}-Q{quarter}", first, _add_months(first, 3))
        return cls(str(year), datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))

    @classmethod
    def current_month(cls) -> Period:
        today = timezone.localdate()
        return cls.parse(f"{today.year}-{today.month:02d}")

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware datetimes in the site's time zone, for ledger queries."""
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.first, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(self.after, datetime.time.min, tzinfo=zone)
        return start, end

    def elapsed_days(self) -> int:
        """Days of the period up to today (all of them for a period already over)."""
        today = timezone.localdate()
        last = min(self.after, today + datetime.timedelta(days=1))
        return max(0, (last - self.first).days)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)
