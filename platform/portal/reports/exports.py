"""Writing a report to .xlsx (one sheet per table) or CSV (the tables one after another).

In both, a table is its title, its header row, then its rows: in a sheet the
title is cell A1 and the header row 3; in CSV a title line precedes the
header and a blank line follows the rows.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .tables import report_title, tables_for

FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
HEADER_ROW = 3
# Editors' names and section titles reach the exports: text that a spreadsheet
# would run as a formula is kept as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"  # openpyxl reads any "=..." string as a formula
    return cell


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_bytes(report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    title = report_title(report)
    for table in tables_for(report):
        sheet = workbook.create_sheet(table.title[:31])
        _text_cell(sheet, 1, 1, f"{title}: {table.title}").font = Font(bold=True)
        for column, name in enumerate(table.header, start=1):
            _text_cell(sheet, HEADER_ROW, column, name).font = Font(bold=True)
        for offset, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row, start=1):
                _text_cell(sheet, HEADER_ROW + offset, column, value)
        for column, name in enumerate(table.header, start=1):
            sheet.column_dimensions[
                sheet.cell(row=HEADER_ROW, column=column).column_letter
            ].width = max(12, min(50, len(str(name)) + 4))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def csv_text(report) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow([_csv_value(report_title(report))])
    writer.writerow([])
    for table in tables_for(report):
        writer.writerow([table.title])
        writer.writerow(table.header)
        writer.writerows([_csv_value(value) for value in row] for row in table.rows)
        writer.writerow([])
    return stream.getvalue()


def export(report, fmt: str) -> bytes:
    """The report in `fmt` ("xlsx" or "csv", the CSV as UTF-8 with a BOM for Excel)."""
    if fmt == "xlsx":
        return xlsx_bytes(report)
    if fmt == "csv":
        return ("\ufeff" + csv_text(report)).encode("utf-8")
    raise ValueError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")


def filename(report, fmt: str) -> str:
    scope = getattr(getattr(report, "unit", None), "code", None)
    if scope is None:
        scope = report.root.code if report.root is not None else "mang-luoi"
    return f"bao-cao-bien-tap-{scope}-{report.period.name}.{fmt}"
