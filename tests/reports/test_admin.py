"""The reports in the admin: who sees which, charts, drill-down, targets, bad periods."""

from __future__ import annotations

import pytest

from portal.reports.models import EditorialTarget
from tests.conftest import client_for

from . import ledger_fixture as fx

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(network):
    fx.build(network)
    return network


def test_each_unit_sees_only_its_own_report(ledger):
    page = client_for(ledger, "district_a", ledger.users["district_a_editor"]).get(
        "/admin/bao-cao/", {"ky": "2025-07"}
    )
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body and "Trần Thị Bình" in body
    assert "Phạm D" not in body
    other = client_for(ledger, "district_b", ledger.users["district_b_editor"]).get(
        "/admin/bao-cao/", {"ky": "2025-07"}
    )
    assert "Phạm D" in other.content.decode() and "Trần Thị Bình" not in other.content.decode()
    # Contributors and other units' editors get no report of district_a.
    contributor = client_for(ledger, "district_a", ledger.users["district_a_contributor"]).get(
        "/admin/bao-cao/"
    )
    assert contributor.status_code == 302
    assert (
        client_for(ledger, "district_a", ledger.users["district_b_editor"])
        .get("/admin/bao-cao/")
        .status_code
        == 403
    )


def test_editors_never_reach_the_network_report(ledger):
    editor = client_for(ledger, "district_a", ledger.users["district_a_admin"])
    for url in (
        "/admin/bao-cao/mang-luoi/",
        "/admin/bao-cao/don-vi/TN-HB/",
        "/admin/bao-cao/chi-tieu/TN-HB/",
    ):
        assert editor.get(url).status_code == 302, url
    assert not EditorialTarget.objects.exists()


def test_network_admin_drills_down_and_sets_targets(ledger):
    admin = client_for(ledger, "province", ledger.users["network_admin"])
    page = admin.get("/admin/bao-cao/mang-luoi/", {"ky": "2025-07"})
    body = page.content.decode()
    assert (
        page.status_code == 200
        and "Huyện Núi Đỏ" in body
        and "Huyện Sông Xanh" in body
        and "<svg" in body
    )
    saved = admin.post("/admin/bao-cao/chi-tieu/TN-HB/", {"article": "3", "document": ""})
    assert saved.status_code == 302
    assert list(EditorialTarget.objects.values_list("unit__code", "kind", "per_week")) == [
        ("TN-HB", "article", 3)
    ]
    branch = admin.get(
        "/admin/bao-cao/mang-luoi/", {"ky": "2025-07", "don-vi": "TN-HB"}
    ).content.decode()
    assert "Xã Bình Minh" in branch and "Xã Đồng Tâm" not in branch and "chậm" in branch
    unit = admin.get("/admin/bao-cao/don-vi/TN-HA/", {"ky": "2025-07"}).content.decode()
    assert "Trần Thị Bình" in unit and "Phạm D" not in unit


def test_bad_periods_get_a_clear_message(ledger):
    editor = client_for(ledger, "district_a", ledger.users["district_a_editor"])
    for text, message in (("2025-13", "Tháng 13 không tồn tại"), ("abc", "không hợp lệ")):
        response = editor.get("/admin/bao-cao/", {"ky": text, "dinh-dang": "xlsx"})
        assert response.status_code == 400 and message in response.content.decode()
    assert (
        "xlsx hoặc csv"
        in editor.get("/admin/bao-cao/", {"ky": "2025-07", "dinh-dang": "pdf"}).content.decode()
    )


def test_labels_in_charts_are_escaped(ledger):
    fx.row(
        ledger.unit("district_a"),
        99,
        published=fx.at(2025, 7, 9),
        section_title="<script>x()</script>",
    )
    body = (
        client_for(ledger, "district_a", ledger.users["district_a_editor"])
        .get("/admin/bao-cao/", {"ky": "2025-07"})
        .content.decode()
    )
    assert "<script>x()" not in body and "&lt;script&gt;x()" in body


def test_the_network_chart_shows_those_furthest_behind_when_there_are_many(ledger):
    from portal.reports.admin_views import _chart_units
    from portal.reports.figures import network_report
    from portal.reports.periods import Period

    EditorialTarget.objects.create(unit=ledger.unit("district_a"), kind="article", per_week=5)
    EditorialTarget.objects.create(unit=ledger.unit("district_b"), kind="article", per_week=1)
    report = network_report(Period.parse("2025-07"))
    charted = _chart_units(report.units, limit=3)
    assert [u.unit.code for u in charted[:2]] == ["TN-HA", "TN-HB"]
    assert charted[2].unit.code != "TN-HA-X1"  # it published: the quietest units come next
    assert _chart_units(report.units, limit=len(report.units)) == report.units
