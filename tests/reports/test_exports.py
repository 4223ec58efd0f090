"""Exports from the command line and the admin, opened with openpyxl and csv, cell by cell."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from portal.reports import figures
from portal.reports.models import EditorialTarget
from tests.conftest import client_for

from . import ledger_fixture as fx

pytestmark = pytest.mark.django_db

TITLE_A = "Báo cáo biên tập: Huyện Núi Đỏ, kỳ 2025-07"


@pytest.fixture
def ledger(network):
    fx.build(network)
    EditorialTarget.objects.create(unit=network.unit("district_a"), kind="article", per_week=5)
    return network


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]


def test_unit_xlsx_from_the_command(ledger, tmp_path):
    output = tmp_path / "a.xlsx"
    call_command("editorial_report", unit="TN-HA", period="2025-07", fmt="xlsx", output=str(output))
    book = load_workbook(output)
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo chuyên mục",
        "Theo tác giả",
        "Chỉ tiêu",
        "Thời gian duyệt",
    ]
    summary = book["Tổng hợp"]
    assert summary["A1"].value == f"{TITLE_A}: Tổng hợp"
    assert rows_of(summary) == [["Chỉ số", "Số lượng"], *fx.summary_rows(fx.EXPECTED_A_JULY)]
    assert rows_of(book["Theo chuyên mục"]) == [["Chuyên mục", "Số mục"]] + [
        list(r) for r in fx.EXPECTED_A_SECTIONS
    ]
    assert rows_of(book["Theo tác giả"])[1:] == [list(r) for r in fx.EXPECTED_A_AUTHORS]
    assert rows_of(book["Chỉ tiêu"]) == [
        ["Chỉ số", "Mỗi tuần", "Cần đạt", "Đã đạt", "Trạng thái"],
        ["Tin bài", 5, 22.1, 2, "Chậm chỉ tiêu"],
    ]
    assert rows_of(book["Thời gian duyệt"])[1] == [2, 18.0, 18.0, 24.0]


def test_network_xlsx_and_csv_from_the_command(ledger, tmp_path):
    call_command(
        "editorial_report",
        network=True,
        period="2025-07",
        fmt="xlsx",
        output=str(tmp_path / "n.xlsx"),
    )
    sheet = load_workbook(tmp_path / "n.xlsx")["Theo đơn vị"]
    rows = rows_of(sheet)
    labels = list(figures.metric_labels().values())
    assert rows[0] == ["Mã", "Đơn vị", "Cấp", *labels, "Chỉ tiêu chưa đạt"]
    by_code = {row[0]: row for row in rows[1:]}
    level = str(ledger.unit("district_a").level)
    a_row = ["TN-HA", "Huyện Núi Đỏ", level, *fx.figure_values(fx.EXPECTED_A_JULY), 1]
    totals = [None, "Tổng cộng", None, *fx.figure_values(fx.EXPECTED_NETWORK_JULY_TOTALS), 1]
    assert by_code["TN-HA"] == a_row
    assert by_code["TN-HB"][3:] == [*fx.figure_values({"article": 1}), 0]
    assert by_code["TN-HA-X1"][3:] == [*fx.figure_values({"article": 1, "photo": 3}), 0]
    assert rows[-1] == totals

    call_command(
        "editorial_report",
        network=True,
        period="2025-07",
        fmt="csv",
        output=str(tmp_path / "n.csv"),
    )
    text = (tmp_path / "n.csv").read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["Báo cáo biên tập: Toàn mạng lưới, kỳ 2025-07"]
    start = lines.index(["Theo đơn vị"])
    assert lines[start + 1][3 : 3 + len(labels)] == labels
    table = lines[start + 2 : lines.index([], start)]
    assert [str(cell) for cell in a_row] in table
    assert table[-1] == ["" if cell is None else str(cell) for cell in totals]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"unit": "TN-HA", "period": "2025-13"}, "Tháng 13 không tồn tại"),
        ({"unit": "TN-HA", "period": "Q3-2025"}, "không hợp lệ"),
        ({"unit": "KHONG-CO", "period": "2025-07"}, "No unit with code 'KHONG-CO'"),
    ],
)
def test_the_command_refuses_nonsense_clearly(network, tmp_path, arguments, message):
    output = tmp_path / "x.csv"
    with pytest.raises(CommandError, match=message):
        call_command("editorial_report", fmt="csv", output=str(output), **arguments)
    assert not output.exists()


def test_admin_exports_match_the_command(ledger, tmp_path):
    editor = client_for(ledger, "district_a", ledger.users["district_a_editor"])
    response = editor.get("/admin/bao-cao/", {"ky": "2025-07", "dinh-dang": "xlsx"})
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="bao-cao-bien-tap-TN-HA-2025-07.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert rows_of(book["Tổng hợp"])[1:] == fx.summary_rows(fx.EXPECTED_A_JULY)
    csv_response = editor.get("/admin/bao-cao/", {"ky": "2025-07", "dinh-dang": "csv"})
    lines = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert lines[0] == [TITLE_A] and ["Tin bài", "2"] in lines


def test_names_that_look_like_formulas_stay_text(ledger, tmp_path):
    formula = '=HYPERLINK("http://example.invalid","x")'
    fx.row(ledger.unit("district_b"), 77, published=fx.at(2025, 7, 8), author=formula)
    call_command(
        "editorial_report",
        unit="TN-HB",
        period="2025-07",
        fmt="xlsx",
        output=str(tmp_path / "b.xlsx"),
    )
    book = load_workbook(tmp_path / "b.xlsx")
    cells = [cell for row in book["Theo tác giả"].iter_rows(min_row=4) for cell in row]
    [cell] = [cell for cell in cells if cell.value == formula]
    assert cell.data_type == "s"
    call_command(
        "editorial_report",
        unit="TN-HB",
        period="2025-07",
        fmt="csv",
        output=str(tmp_path / "b.csv"),
    )
    lines = list(csv.reader(io.StringIO((tmp_path / "b.csv").read_text(encoding="utf-8-sig"))))
    assert ["'" + formula, "1"] in lines
