"""ISO weeks as the schedule names them: addresses like `2026-w50`, Monday to Sunday."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2000, 2100
SLUG = re.compile(r"(?P<year>\d{4})-w(?P<week>\d{2})")


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @classmethod
    def of(cls, day: datetime.date) -> Week:
        year, number, _weekday = day.isocalendar()
        return cls(year, number)

    @classmethod
    def current(cls) -> Week:
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, slug: str) -> Week | None:
        """The week `slug` names (e.g. "2026-w50"), or None for anything else."""
        match = SLUG.fullmatch(slug or "")
        if match is None:
            return None
        year, number = int(match["year"]), int(match["week"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        try:
            datetime.date.fromisocalendar(year, number, 1)
        except ValueError:  # week 0, or 53 in a year of 52
            return None
        return cls(year, number)

    @property
    def slug(self) -> str:
        return f"{self.year}-w{self.number:02d}"

    @property
    def monday(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def days(self) -> list[datetime.date]:
        return [self.monday + datetime.timedelta(days=n) for n in range(7)]

    def shifted(self, weeks: int) -> Week:
        return Week.of(self.monday + datetime.timedelta(weeks=weeks))
