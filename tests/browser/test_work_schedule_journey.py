"""The leaders' work schedule in a real Chromium: the office enters a leader and an item,
publishes the week in the admin, a visitor reads it on the portal, and the calendar feed
fetched over HTTP is read by the icalendar library (as a calendar app would)."""

from __future__ import annotations

import datetime
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from icalendar import Calendar
from playwright.sync_api import expect

from portal.extensions import activation, registry
from tests.browser.conftest import assert_page_healthy, sign_in
from tests.browser.units import provision_fresh_unit, remove_committed_units

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def office(network, django_db_blocker):
    """A fresh commune (committed, so the live server sees it) with the module on."""
    with django_db_blocker.unblock():
        fresh = provision_fresh_unit(network.units["district_a"], "lich", role_keys=("editor",))
        activation.change("enable", registry.get("plugin_work_schedule"), fresh.unit)
    yield fresh
    with django_db_blocker.unblock():
        remove_committed_units(fresh.unit)


def save(page):
    """Press the admin form's own save button (the sidebar's search form comes first)."""
    page.keyboard.press("Escape")  # close a date or time picker left open
    page.locator("main button[type=submit].button-longrunning").first.click()


def test_the_office_publishes_a_week_and_a_calendar_app_reads_it(office, page, url):
    from plugins.work_schedule.models import ScheduleWeek
    from plugins.work_schedule.weeks import Week

    today = timezone.localdate()
    sign_in(page, url, office.domain, office.users["editor"])

    page.goto(url(office.domain, "/admin/work_schedule_leaders/new/"))
    page.locator("#id_name").fill("Vũ Thị Hạnh")
    page.locator("#id_title").fill("Bí thư Đảng ủy xã")
    with page.expect_navigation():
        save(page)
    expect(page.locator(".messages")).to_contain_text("Vũ Thị Hạnh")

    page.goto(url(office.domain, "/admin/work_schedule_items/new/"))
    page.locator("#id_date").fill(today.isoformat())
    page.locator("#id_start").fill("08:00")
    page.locator("#id_end").fill("10:30")
    page.get_by_label("Vũ Thị Hạnh, Bí thư Đảng ủy xã").check()
    page.locator("#id_title").fill("Làm việc với Ban Chỉ đạo xây dựng nông thôn mới")
    page.locator("#id_location").fill("Hội trường xã")
    page.locator("#id_attendees").fill("Trưởng các thôn")
    page.locator("#id_preparer").fill("Văn phòng Đảng ủy")
    with page.expect_navigation():
        save(page)
    expect(page.locator(".messages")).to_be_visible()

    visitor = page.context.browser.new_page()  # another context: an anonymous visitor
    visitor.goto(url(office.domain, "/lich-cong-tac/"))
    expect(visitor.locator(".ws-none")).to_contain_text("chưa được công bố")

    week = Week.of(today)
    with schema_context(office.unit.schema_name):
        row = ScheduleWeek.objects.get(year=week.year, number=week.number)
    page.goto(url(office.domain, f"/admin/work_schedule_weeks/edit/{row.pk}/"))
    page.locator("#id_note").fill("Lịch có thể thay đổi.")
    page.locator("#id_published").check()
    with page.expect_navigation():
        save(page)

    response = visitor.goto(url(office.domain, "/lich-cong-tac/"))
    assert response is not None and response.status == 200
    table = visitor.locator(".ws-table")
    expect(table).to_contain_text("Làm việc với Ban Chỉ đạo xây dựng nông thôn mới")
    expect(table).to_contain_text("Vũ Thị Hạnh")
    expect(table).to_contain_text("08:00 – 10:30")
    expect(visitor.locator(".ws-note")).to_have_text("Lịch có thể thay đổi.")
    feed_url = visitor.locator('link[rel="alternate"][type="text/calendar"]').first
    href = feed_url.get_attribute("href")
    assert href == url(office.domain, "/lich-cong-tac/ical/")
    assert_page_healthy(page)  # the office's admin pages: no server error, no console error

    # Fetched as a calendar app would, over HTTP (the host name resolved to the live server).
    address = urlsplit(href)
    request = urllib.request.Request(
        f"http://127.0.0.1:{address.port}{address.path}", headers={"Host": address.netloc}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (our live server)
        assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(answer.read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Làm việc với Ban Chỉ đạo xây dựng nông thôn mới"
    start = event.decoded("DTSTART")
    assert start == datetime.datetime.combine(today, datetime.time(8), tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert event.decoded("DTEND") - start == datetime.timedelta(hours=2, minutes=30)
    assert str(event["LOCATION"]) == "Hội trường xã"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
