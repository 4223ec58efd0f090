"""Report figures against known ledger rows across units; periods; targets; approval times."""

from __future__ import annotations

import pytest

from portal.reports import figures
from portal.reports.models import EditorialTarget
from portal.reports.periods import Period, PeriodError

from . import ledger_fixture as fx

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(network):
    fx.build(network)
    EditorialTarget.objects.create(unit=network.unit("district_a"), kind="article", per_week=5)
    EditorialTarget.objects.create(unit=network.unit("district_b"), kind="article", per_week=1)
    return network


def test_unit_month(ledger):
    report = figures.unit_report(ledger.unit("district_a"), Period.parse("2025-07"))
    assert report.metrics == fx.every_figure(fx.EXPECTED_A_JULY)
    assert report.by_section == fx.EXPECTED_A_SECTIONS
    assert report.by_author == fx.EXPECTED_A_AUTHORS
    assert (
        report.approval.count,
        report.approval.mean_hours,
        report.approval.median_hours,
        report.approval.longest_hours,
    ) == (2, 18.0, 18.0, 24.0)
    [target] = report.targets
    assert (target.expected, target.actual, target.behind, target.shortfall) == (
        22.1,
        2,
        True,
        20.1,
    )


def test_local_time_decides_the_month(ledger):
    august = figures.unit_report(ledger.unit("district_a"), Period.parse("2025-08"))
    assert august.metrics["article"] == 1 and august.by_author == [("Trần Thị Bình", 1)]


def test_other_units_never_leak_into_a_units_report(ledger):
    b = figures.unit_report(ledger.unit("district_b"), Period.parse("2025-07"))
    assert b.metrics == fx.every_figure({"article": 1})
    assert b.by_author == [("Phạm D", 1)]
    assert b.approval.count == 0 and b.approval.mean_hours is None
    [target] = b.targets
    assert target.expected == 4.4 and target.behind


def test_quarter_and_year(ledger):
    b = ledger.unit("district_b")
    assert figures.unit_report(b, Period.parse("2025-Q3")).metrics["article"] == 1
    assert figures.unit_report(b, Period.parse("2025-q2")).metrics["article"] == 1
    assert figures.unit_report(b, Period.parse("2025")).metrics["article"] == 2
    a_year = figures.unit_report(ledger.unit("district_a"), Period.parse("2025"))
    assert a_year.metrics["article"] == 3 and a_year.targets[0].expected == round(5 * 365 / 7, 1)


def test_network_and_drill_down(ledger):
    report = figures.network_report(Period.parse("2025-07"))
    assert report.totals == fx.every_figure(fx.EXPECTED_NETWORK_JULY_TOTALS)
    by_code = {unit_report.unit.code: unit_report for unit_report in report.units}
    assert by_code["TN-HA"].metrics == fx.every_figure(fx.EXPECTED_A_JULY)
    assert by_code["TN-HA-X1"].metrics["photo"] == 3
    assert by_code["TN"].metrics["article"] == 0
    assert {u.unit.code for u in report.behind} == {"TN-HA", "TN-HB"}
    branch = figures.network_report(Period.parse("2025-07"), ledger.unit("district_a"))
    codes = {unit_report.unit.code for unit_report in branch.units}
    assert {"TN-HA", "TN-HA-X1"} <= codes and not codes & {"TN", "TN-HB", "TN-HB-X1"}
    assert branch.totals == fx.every_figure({"article": 3, "document": 1, "photo": 6, "video": 2})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-13", "Tháng 13 không tồn tại"),
        ("2025-Q5", "Quý 5 không tồn tại"),
        ("2025-00", "Tháng 00 không tồn tại"),
        ("tháng 7", "không hợp lệ"),
        ("2025-7", "không hợp lệ"),
        ("1999", "nằm ngoài khoảng"),
        ("2999-01", "nằm ngoài khoảng"),
        ("", "không hợp lệ"),
    ],
)
def test_nonsense_periods_are_refused_clearly(text, message):
    with pytest.raises(PeriodError, match=message):
        Period.parse(text)


def test_period_bounds():
    july = Period.parse("2025-07")
    assert (july.first.isoformat(), july.after.isoformat(), july.elapsed_days()) == (
        "2025-07-01",
        "2025-08-01",
        31,
    )
    q4 = Period.parse("2025-Q4")
    assert (q4.name, q4.first.isoformat(), q4.after.isoformat()) == (
        "2025-Q4",
        "2025-10-01",
        "2026-01-01",
    )
