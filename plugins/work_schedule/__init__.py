"""Lịch công tác: the standing committee's week schedule, published by the unit's office,
with changes marked, a printable week, past weeks, iCalendar feeds and a home block."""
