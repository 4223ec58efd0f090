"""The leaders' work schedule: weeks published by the office, changes marked, past weeks,
print view, iCalendar feeds (parsed by the icalendar library), the home block, rights,
isolation between units and hostile addresses."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context
from icalendar import Calendar

from plugins.work_schedule.models import Leader, ScheduleItem, ScheduleWeek, WorkSchedulePage
from plugins.work_schedule.weeks import Week
from tests.conftest import client_for
from tests.extensions.helpers import disable, enable

pytestmark = pytest.mark.django_db

ON, OFF = "district_a", "district_b"


@pytest.fixture
def office(network):
    """The module on in district A, two leaders, this week published and next week a draft."""
    enable(network, ON, "plugin_work_schedule")
    today = timezone.localdate()
    this_week = Week.of(today)
    with schema_context(network.units[ON].schema_name):
        secretary = Leader.objects.create(name="Hoàng Văn Sơn", title="Bí thư Huyện ủy")
        chair = Leader.objects.create(name="Đỗ Thị Mai", title="Chủ tịch UBND huyện")
        meeting = item(today, "08:00", "Giao ban Thường trực", [secretary, chair],
                       location="Phòng họp số 1", attendees="Ủy viên Ban Thường vụ",
                       preparer="Văn phòng")  # fmt: skip
        visit = item(today + datetime.timedelta(days=1), "14:00", "Thăm trường học", [chair])
        draft = item(this_week.shifted(1).monday, "07:30", "Hội nghị bí mật nháp", [secretary])
        ScheduleWeek.objects.filter(year=this_week.year, number=this_week.number).update(
            published=True, first_published_at=timezone.now()
        )
    return {
        "network": network,
        "secretary": secretary,
        "chair": chair,
        "meeting": meeting,
        "visit": visit,
        "draft": draft,
        "week": this_week,
    }


def item(day, start, title, leaders, **fields) -> ScheduleItem:
    created = ScheduleItem.objects.create(
        date=day, start=datetime.time.fromisoformat(start), title=title, **fields
    )
    created.leaders.set(leaders)
    return created


def editor_client(network, key=ON, role="editor"):
    return client_for(network, key, network.users[f"{key}_{role}"])


def item_form(entry: ScheduleItem, **changes) -> dict:
    data = {
        "date": entry.date.isoformat(),
        "start": entry.start.strftime("%H:%M"),
        "end": entry.end.strftime("%H:%M") if entry.end else "",
        "leaders": [leader.pk for leader in entry.leaders.all()],
        "title": entry.title,
        "location": entry.location,
        "attendees": entry.attendees,
        "preparer": entry.preparer,
        "postponed_reason": entry.postponed_reason,
    }
    if entry.postponed:
        data["postponed"] = "on"
    data.update(changes)
    return data


def feed(client, query="") -> Calendar:
    response = client.get(f"/lich-cong-tac/ical/{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_summary(calendar: Calendar) -> dict:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_enabling_creates_the_page_once(office):
    network = office["network"]
    disable(network, ON, "plugin_work_schedule")
    enable(network, ON, "plugin_work_schedule")
    with schema_context(network.units[ON].schema_name):
        assert WorkSchedulePage.objects.live().count() == 1
        assert ScheduleItem.objects.count() == 3  # kept while off


def test_the_published_week_shows_every_column_and_drafts_stay_hidden(office):
    client = client_for(office["network"], ON)
    body = client.get("/lich-cong-tac/").content.decode()
    for text in ("Giao ban Thường trực", "Hoàng Văn Sơn", "Bí thư Huyện ủy", "Đỗ Thị Mai",
                 "08:00", "Phòng họp số 1", "Ủy viên Ban Thường vụ", "Văn phòng",
                 "Thăm trường học"):  # fmt: skip
        assert text in body, text
    assert "Hội nghị bí mật nháp" not in body
    next_week = client.get(f"/lich-cong-tac/{office['week'].shifted(1).slug}/")
    assert next_week.status_code == 200
    text = next_week.content.decode()
    assert "Hội nghị bí mật nháp" not in text and "chưa được công bố" in text
    assert "Hội nghị bí mật nháp" not in client.get("/lich-cong-tac/ical/").content.decode()
    assert "Hội nghị bí mật nháp" not in client.get("/").content.decode()


def test_past_weeks_are_browsable_with_ascii_addresses(office):
    client = client_for(office["network"], ON)
    week = office["week"]
    body = client.get("/lich-cong-tac/").content.decode()
    assert f'href="/lich-cong-tac/{week.shifted(-1).slug}/"' in body
    assert f'href="/lich-cong-tac/{week.shifted(1).slug}/"' in body
    assert re.fullmatch(r"\d{4}-w\d{2}", week.slug)
    earlier = client.get(f"/lich-cong-tac/{week.slug}/").content.decode()
    assert "Giao ban Thường trực" in earlier
    past = client.get(f"/lich-cong-tac/{week.shifted(-1).slug}/").content.decode()
    assert "Giao ban Thường trực" not in past
    assert f'href="/lich-cong-tac/{week.slug}/"' in past


def test_the_print_view_has_no_navigation(office):
    client = client_for(office["network"], ON)
    printed = client.get(f"/lich-cong-tac/{office['week'].slug}/?print=1").content.decode()
    assert 'class="print-view"' in printed and "Giao ban Thường trực" in printed
    assert "Tuần trước" not in printed and 'class="site-nav' not in printed
    assert "plugin_work_schedule/schedule.css" in printed


def test_a_leader_filter_and_its_feed_show_only_that_leaders_items(office):
    client = client_for(office["network"], ON)
    chair = office["chair"]
    body = client.get(f"/lich-cong-tac/?lanh-dao={chair.pk}").content.decode()
    assert "Thăm trường học" in body and "Giao ban Thường trực" in body
    secretary = client.get(f"/lich-cong-tac/?lanh-dao={office['secretary'].pk}")
    assert "Thăm trường học" not in secretary.content.decode()
    assert set(events_by_summary(feed(client, "?lanh-dao="))) == {  # the form's "all leaders"
        "Giao ban Thường trực",
        "Thăm trường học",
    }
    assert set(events_by_summary(feed(client, f"?lanh-dao={office['secretary'].pk}"))) == {
        "Giao ban Thường trực"
    }


def test_the_feed_is_valid_icalendar_linked_with_an_absolute_address(office):
    client = client_for(office["network"], ON)
    body = client.get("/lich-cong-tac/").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" title="Lịch công tác của đơn vị" '
        'href="http://huyen-a.test.localhost/lich-cong-tac/ical/">'
    ) in body
    calendar = feed(client)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Ho_Chi_Minh"
    events = events_by_summary(calendar)
    assert set(events) == {"Giao ban Thường trực", "Thăm trường học"}
    meeting = events["Giao ban Thường trực"]
    start = meeting.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert (start.date(), start.hour, start.minute) == (office["meeting"].date, 8, 0)
    assert meeting["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert meeting.decoded("DTEND") - start == datetime.timedelta(hours=1)
    assert meeting.decoded("DTSTAMP").tzinfo is not None
    assert str(meeting["LOCATION"]) == "Phòng họp số 1"
    assert "Hoàng Văn Sơn (Bí thư Huyện ủy)" in str(meeting["DESCRIPTION"])
    assert str(meeting["STATUS"]) == "CONFIRMED" and int(meeting["SEQUENCE"]) == 0
    assert str(meeting["URL"]).startswith("http://huyen-a.test.localhost/lich-cong-tac/")
    uid = str(meeting["UID"])
    assert uid == str(events_by_summary(feed(client))["Giao ban Thường trực"]["UID"])


def test_changes_after_publication_are_marked_on_the_page_and_in_the_feed(office):
    network = office["network"]
    meeting, visit = office["meeting"], office["visit"]
    editor = editor_client(network)
    uid = str(events_by_summary(feed(client_for(network, ON)))["Giao ban Thường trực"]["UID"])
    with schema_context(network.units[ON].schema_name):
        data = item_form(ScheduleItem.objects.get(pk=meeting.pk), location="Hội trường B",
                         start="09:30")  # fmt: skip
        postponed = item_form(ScheduleItem.objects.get(pk=visit.pk), postponed="on",
                              postponed_reason="Trùng lịch họp tỉnh")  # fmt: skip
    response = editor.post(f"/admin/work_schedule_items/edit/{meeting.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = editor.post(f"/admin/work_schedule_items/edit/{visit.pk}/", postponed)
    assert response.status_code == 302
    body = client_for(network, ON).get("/lich-cong-tac/").content.decode()
    assert "Thay đổi" in body
    assert "Giờ: 08:00 → 09:30" in body and "Địa điểm: Phòng họp số 1 → Hội trường B" in body
    assert "Hoãn" in body and "Trùng lịch họp tỉnh" in body
    events = events_by_summary(feed(client_for(network, ON)))
    changed, cancelled = events["Giao ban Thường trực"], events["Thăm trường học"]
    assert str(changed["UID"]) == uid and int(changed["SEQUENCE"]) == 1
    assert str(changed["LOCATION"]) == "Hội trường B"
    assert (changed.decoded("DTSTART").hour, changed.decoded("DTSTART").minute) == (9, 30)
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    home = client_for(network, ON).get("/").content.decode()
    assert 'class="work-schedule-block"' in home and "Hoãn" in home


def test_edits_before_publication_are_not_marked(office):
    network = office["network"]
    draft = office["draft"]
    with schema_context(network.units[ON].schema_name):
        data = item_form(ScheduleItem.objects.get(pk=draft.pk), location="Nơi khác")
    assert (
        editor_client(network)
        .post(f"/admin/work_schedule_items/edit/{draft.pk}/", data)
        .status_code
        == 302
    )
    with schema_context(network.units[ON].schema_name):
        draft = ScheduleItem.objects.get(pk=draft.pk)
        assert (draft.location, draft.sequence, draft.change_note) == ("Nơi khác", 0, "")


def test_the_office_adds_an_item_and_publishes_its_week_in_the_admin(office):
    network = office["network"]
    editor = editor_client(network)
    next_week = office["week"].shifted(1)
    response = editor.post("/admin/work_schedule_items/new/", {
        "date": next_week.days[2].isoformat(), "start": "15:00", "end": "16:30",
        "leaders": [office["chair"].pk], "title": "Đối thoại với thanh niên",
        "location": "Nhà văn hóa", "attendees": "", "preparer": "Huyện đoàn",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    with schema_context(network.units[ON].schema_name):
        row = ScheduleWeek.objects.get(year=next_week.year, number=next_week.number)
    page = client_for(network, ON).get(f"/lich-cong-tac/{next_week.slug}/").content.decode()
    assert "Đối thoại với thanh niên" not in page
    response = editor.post(f"/admin/work_schedule_weeks/edit/{row.pk}/", {
        "year": next_week.year, "number": next_week.number, "note": "", "published": "on",
    })  # fmt: skip
    assert response.status_code == 302
    page = client_for(network, ON).get(f"/lich-cong-tac/{next_week.slug}/").content.decode()
    assert "Đối thoại với thanh niên" in page and "Hội nghị bí mật nháp" in page
    assert "Thay đổi" not in page  # written before publication


def test_the_home_block_shows_today_and_tomorrow(office):
    home = client_for(office["network"], ON).get("/").content.decode()
    block = home[home.index('class="work-schedule-block"') :]
    block = block[: block.index("</section>")]
    assert "Hôm nay" in block and "Ngày mai" in block
    assert block.index("Giao ban Thường trực") < block.index("Thăm trường học")


@pytest.mark.parametrize("role", ["contributor"])
def test_a_role_without_the_right_is_refused_and_nothing_changes(office, role):
    network = office["network"]
    client = editor_client(network, ON, role)
    meeting = office["meeting"]
    with schema_context(network.units[ON].schema_name):
        data = item_form(ScheduleItem.objects.get(pk=meeting.pk), title="Sửa lén")
        week_pk = ScheduleWeek.objects.get(published=False).pk
        count = ScheduleItem.objects.count()
    attempts = [
        client.get("/admin/work_schedule_items/"),
        client.get(f"/admin/work_schedule_items/edit/{meeting.pk}/"),
        client.post(f"/admin/work_schedule_items/edit/{meeting.pk}/", data),
        client.post("/admin/work_schedule_items/new/", data),
        client.post(f"/admin/work_schedule_items/delete/{meeting.pk}/"),
        client.post(f"/admin/work_schedule_weeks/edit/{week_pk}/",
                    {"year": 2020, "number": 1, "published": "on"}),
        client.post("/admin/work_schedule_leaders/new/", {"name": "X", "title": "Y"}),
    ]  # fmt: skip
    for response in attempts:  # Wagtail's refusal: back to the dashboard with a message
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    with schema_context(network.units[ON].schema_name):
        assert ScheduleItem.objects.get(pk=meeting.pk).title == "Giao ban Thường trực"
        assert ScheduleItem.objects.count() == count
        assert not ScheduleWeek.objects.get(pk=week_pk).published
        assert not Leader.objects.filter(name="X").exists()
    assert "/admin/work_schedule_items/" not in client.get("/admin/").content.decode()


def test_another_units_people_and_host_never_show_or_edit_this_schedule(office):
    network = office["network"]
    meeting = office["meeting"]
    with schema_context(network.units[ON].schema_name):
        data = item_form(ScheduleItem.objects.get(pk=meeting.pk), title="Sửa từ đơn vị khác")
    foreign_editor = network.users[f"{OFF}_editor"]
    on_a = client_for(network, ON, foreign_editor)  # B's editor on A's host: no role in A
    on_a.raise_request_exception = False
    response = on_a.post(f"/admin/work_schedule_items/edit/{meeting.pk}/", data)
    assert response.status_code == 403
    enable(network, OFF, "plugin_work_schedule")  # B has the module too, and no such item
    on_b = editor_client(network, OFF)
    assert on_b.get(f"/admin/work_schedule_items/edit/{meeting.pk}/").status_code == 404
    assert on_b.post(f"/admin/work_schedule_items/edit/{meeting.pk}/", data).status_code == 404
    b_public = client_for(network, OFF)
    for path in ("/lich-cong-tac/", "/lich-cong-tac/ical/", "/"):
        assert "Giao ban Thường trực" not in b_public.get(path).content.decode(), path
    with schema_context(network.units[ON].schema_name):
        assert ScheduleItem.objects.get(pk=meeting.pk).title == "Giao ban Thường trực"


def test_nothing_of_the_module_where_it_is_off(office):
    network = office["network"]
    admin = network.users["network_admin"]
    off = client_for(network, OFF, admin)
    for path in ("/lich-cong-tac/", "/lich-cong-tac/ical/", "/admin/work_schedule_items/",
                 "/admin/work_schedule_items/new/", "/admin/work_schedule_weeks/",
                 "/admin/work_schedule_leaders/"):  # fmt: skip
        assert off.get(path).status_code == 404, path
    assert off.post("/admin/work_schedule_leaders/new/", {"name": "Lọt", "title": "X"}
                    ).status_code == 404  # fmt: skip
    with schema_context(network.units[OFF].schema_name):
        assert not Leader.objects.filter(name="Lọt").exists()
    assert "/admin/work_schedule_items/" not in off.get("/admin/").content.decode()
    assert 'class="work-schedule-block"' not in client_for(network, OFF).get("/").content.decode()
    on = client_for(network, ON, admin)
    assert "/admin/work_schedule_items/" in on.get("/admin/").content.decode()
    disable(network, ON, "plugin_work_schedule")
    for path in ("/lich-cong-tac/", "/lich-cong-tac/ical/", "/admin/work_schedule_items/"):
        assert on.get(path).status_code == 404, path
    assert 'class="work-schedule-block"' not in client_for(network, ON).get("/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/lich-cong-tac/2026-w00/",
        "/lich-cong-tac/2026-w54/",
        "/lich-cong-tac/2025-w53/",  # 2025 has 52 ISO weeks
        "/lich-cong-tac/9999-w01/",
        "/lich-cong-tac/1999-w10/",
        "/lich-cong-tac/2026-W50/",
        "/lich-cong-tac/2026-w5/",
        "/lich-cong-tac/2026-w050/",
        "/lich-cong-tac/-2026-w50/",
        "/lich-cong-tac/2026-w50x/",
        "/lich-cong-tac/%E1%BA%A1-w50/",
        "/lich-cong-tac/" + "9" * 500 + "/",
        "/lich-cong-tac/2026-w50/thua/",
        "/lich-cong-tac/ical/thua/",
        "/lich-cong-tac/?lanh-dao=abc",
        "/lich-cong-tac/?lanh-dao=-1",
        "/lich-cong-tac/?lanh-dao=999999",
        "/lich-cong-tac/?lanh-dao=" + "9" * 40,
        "/lich-cong-tac/ical/?lanh-dao=1%20OR%201=1",
        "/lich-cong-tac/ical/?lanh-dao=%F0%9F%98%80",
        "/lich-cong-tac/ical/?lanh-dao=0x10",
        "/lich-cong-tac/ical/?lanh-dao=1.5",
        "/lich-cong-tac/ical/?lanh-dao=9223372036854775808",
    ],
)
def test_hostile_week_addresses_and_feed_parameters_are_404(office, path):
    client = client_for(office["network"], ON)
    client.raise_request_exception = False
    assert client.get(path).status_code == 404


def test_control_characters_in_feed_parameters_are_refused_before_any_view(office):
    client = client_for(office["network"], ON)
    client.raise_request_exception = False
    assert client.get("/lich-cong-tac/ical/?lanh-dao=1%00").status_code == 400


@pytest.mark.parametrize(
    "fields",
    [
        {"year": "", "number": ""},
        {"year": "2026", "number": "54"},
        {"year": "99999", "number": "1"},
        {"year": "abc", "number": "-1"},
    ],
)
def test_bad_week_numbers_get_a_clear_error_and_change_nothing(office, fields):
    network = office["network"]
    week = office["week"]
    with schema_context(network.units[ON].schema_name):
        row = ScheduleWeek.objects.get(year=week.year, number=week.number)
    editor = editor_client(network)
    response = editor.post(f"/admin/work_schedule_weeks/edit/{row.pk}/", {**fields, "note": "x"})
    assert response.status_code == 200
    assert "error-message" in response.content.decode()
    with schema_context(network.units[ON].schema_name):
        stored = ScheduleWeek.objects.get(pk=row.pk)
        assert (stored.year, stored.number, stored.note) == (week.year, week.number, "")
    moved = editor.post(f"/admin/work_schedule_weeks/edit/{row.pk}/",
                        {"year": week.year - 1, "number": 10, "published": "on"})  # fmt: skip
    assert "không đổi được năm và số tuần" in moved.content.decode()


def test_a_bad_item_gets_a_clear_error_and_nothing_is_stored(office):
    network = office["network"]
    with schema_context(network.units[ON].schema_name):
        count = ScheduleItem.objects.count()
    response = editor_client(network).post("/admin/work_schedule_items/new/", {
        "date": "2026-12-09", "start": "15:00", "end": "14:00", "leaders": [office["chair"].pk],
        "title": "Giờ ngược", "postponed_reason": "không hoãn",
    })  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "Giờ kết thúc phải sau giờ bắt đầu." in body
    assert "Có lý do hoãn thì đánh dấu “Hoãn”." in body
    with schema_context(network.units[ON].schema_name):
        assert ScheduleItem.objects.count() == count


def test_an_item_of_a_published_week_is_not_deleted_but_a_drafts_is(office):
    network = office["network"]
    editor = editor_client(network)
    meeting, draft = office["meeting"], office["draft"]
    edit_url = f"/admin/work_schedule_items/edit/{meeting.pk}/"
    for response in (
        editor.get(f"/admin/work_schedule_items/delete/{meeting.pk}/"),
        editor.post(f"/admin/work_schedule_items/delete/{meeting.pk}/"),
    ):
        assert (response.status_code, response["Location"]) == (302, edit_url)
    message = editor.get(edit_url).content.decode()
    assert "Không xóa được mục này: lịch tuần của nó đã công bố" in message
    with schema_context(network.units[ON].schema_name):
        kept = ScheduleItem.objects.get(pk=meeting.pk)
        assert kept.title == "Giao ban Thường trực" and kept.leaders.count() == 2
    assert (
        "Giao ban Thường trực"
        in client_for(network, ON).get("/lich-cong-tac/ical/").content.decode()
    )
    # An item of a week never published goes as before.
    response = editor.post(f"/admin/work_schedule_items/delete/{draft.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/work_schedule_items/")
    with schema_context(network.units[ON].schema_name):
        assert not ScheduleItem.objects.filter(pk=draft.pk).exists()


def test_a_published_week_is_not_deleted_with_its_items(office):
    network = office["network"]
    with schema_context(network.units[ON].schema_name):
        week = ScheduleWeek.objects.get(published=True)
        items = ScheduleItem.objects.filter(week=week).count()
    response = editor_client(network).post(f"/admin/work_schedule_weeks/delete/{week.pk}/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/admin/work_schedule_weeks/edit/{week.pk}/",
    )
    with schema_context(network.units[ON].schema_name):
        assert ScheduleWeek.objects.filter(pk=week.pk, published=True).exists()
        assert ScheduleItem.objects.filter(week=week).count() == items == 2


def test_a_week_withdrawn_after_publication_leaves_every_public_view(office):
    network = office["network"]
    with schema_context(network.units[ON].schema_name):
        ScheduleWeek.objects.filter(published=True).update(published=False)
    client = client_for(network, ON)
    secretary = office["secretary"]
    for path in (
        "/lich-cong-tac/",
        "/lich-cong-tac/ical/",
        f"/lich-cong-tac/ical/?lanh-dao={secretary.pk}",
        f"/lich-cong-tac/{office['week'].slug}/?print=1",
        "/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "Giao ban Thường trực" not in body and "Hội nghị bí mật nháp" not in body, path


def test_an_unpublished_schedule_page_serves_no_feed_and_no_week(office):
    network = office["network"]
    with schema_context(network.units[ON].schema_name):
        WorkSchedulePage.objects.get().unpublish()
    client = client_for(network, ON)
    for path in (
        "/lich-cong-tac/",
        "/lich-cong-tac/ical/",
        f"/lich-cong-tac/{office['week'].slug}/",
    ):
        assert client.get(path).status_code == 404, path
    assert "Giao ban Thường trực" not in client.get("/").content.decode()


@pytest.mark.parametrize("who", ["contributor", "anonymous", "other_units_editor"])
def test_publishing_a_week_needs_the_offices_right(office, who):
    network = office["network"]
    if who == "anonymous":
        client = client_for(network, ON)
    elif who == "other_units_editor":
        client = client_for(network, ON, network.users[f"{OFF}_editor"])
        client.raise_request_exception = False
    else:
        client = editor_client(network, ON, who)
    with schema_context(network.units[ON].schema_name):
        draft_week = ScheduleWeek.objects.get(published=False)
    data = {"year": draft_week.year, "number": draft_week.number, "note": "", "published": "on"}
    response = client.post(f"/admin/work_schedule_weeks/edit/{draft_week.pk}/", data)
    expected = {
        "contributor": (302, "/admin/"),
        "anonymous": (
            302,
            f"/admin/login/?next=/admin/work_schedule_weeks/edit/{draft_week.pk}/",
        ),
        "other_units_editor": (403, None),
    }[who]
    assert (response.status_code, response.get("Location")) == expected
    with schema_context(network.units[ON].schema_name):
        assert not ScheduleWeek.objects.get(pk=draft_week.pk).published
    assert (
        "Hội nghị bí mật nháp"
        not in client_for(network, ON).get("/lich-cong-tac/ical/").content.decode()
    )


def test_the_home_block_is_read_once_and_follows_the_offices_changes(office, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # every home page rendered
    network = office["network"]

    def home():
        with CaptureQueriesContext(connection) as queries:
            body = client_for(network, ON).get("/").content.decode()
        return body, [q["sql"] for q in queries if "plugin_work_schedule" in q["sql"]]

    first, read = home()
    assert "Giao ban Thường trực" in first and read
    again, read_again = home()
    assert "Giao ban Thường trực" in again and "Đỗ Thị Mai" in again and read_again == []
    response = editor_client(network).post(
        f"/admin/work_schedule_items/edit/{office['meeting'].pk}/",
        item_form(office["meeting"], title="Giao ban đột xuất"),
    )
    assert response.status_code == 302
    changed, read_after = home()
    assert "Giao ban đột xuất" in changed and read_after
