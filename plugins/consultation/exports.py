"""What the drafting committee receives: every comment in a workbook, a summary in Word."""

from __future__ import annotations

import io

import docx
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .choices import CommentStatus

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _cell(value: str) -> str:
    """Text as a cell value that a spreadsheet never runs as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def comments_xlsx(consultation, with_contacts: bool) -> bytes:
    """Every comment, oldest first; e-mail and phone only for those who may see them."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Góp ý")[:31]
    headers = [
        _("Mã tra cứu"),
        _("Gửi qua cổng"),
        _("Phần góp ý"),
        _("Họ và tên"),
        _("Cơ quan, tổ chức"),
    ]
    if with_contacts:
        headers += [_("Thư điện tử"), _("Điện thoại")]
    headers += [_("Nội dung góp ý"), _("Trạng thái"), _("Trả lời"), _("Gửi lúc")]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for comment in consultation.comments.order_by("submitted_at", "pk"):
        row = [comment.code, comment.unit_name, comment.target, comment.name, comment.organisation]
        if with_contacts:
            row += [comment.email, comment.phone]
        row += [
            comment.text,
            str(comment.get_status_display()),
            comment.answer,
            timezone.localtime(comment.submitted_at).strftime("%d/%m/%Y %H:%M"),
        ]
        sheet.append([_cell(str(value)) for value in row])
    text_column = headers.index(_("Nội dung góp ý")) + 1
    for row in sheet.iter_rows(min_row=2, min_col=text_column, max_col=text_column):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions[sheet.cell(1, text_column).column_letter].width = 80
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def summary_docx(consultation, sections: list[tuple[str, int, int]]) -> bytes:
    """The figures by section, then each section's comments (hidden ones left out)."""
    document = docx.Document()
    document.add_heading(_("Tổng hợp ý kiến góp ý dự thảo"), level=0)
    document.add_paragraph(consultation.title)
    opens = timezone.localtime(consultation.opens_at).strftime("%d/%m/%Y")
    closes = timezone.localtime(consultation.closes_at).strftime("%d/%m/%Y")
    comments = list(
        consultation.comments.exclude(status=CommentStatus.HIDDEN).order_by("submitted_at", "pk")
    )
    units = sorted({comment.unit_name for comment in comments})
    document.add_paragraph(
        _("Thời gian lấy ý kiến: %(opens)s – %(closes)s. Số ý kiến: %(count)d, từ %(units)d cổng.")
        % {"opens": opens, "closes": closes, "count": len(comments), "units": len(units)}
    )
    document.add_heading(_("Số ý kiến theo phần"), level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = _("Phần")
    table.rows[0].cells[1].text = _("Số ý kiến")
    for label, count, _waiting in sections:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(count)
    document.add_heading(_("Nội dung ý kiến"), level=1)
    whole = str(_("Toàn văn dự thảo"))
    for label, _count, _waiting in sections:
        target = "" if label == whole else label
        chosen = [c for c in comments if c.section_label == target]
        if not chosen:
            continue
        document.add_heading(label, level=2)
        for comment in chosen:
            who = ", ".join(part for part in (comment.name, comment.organisation) if part)
            paragraph = document.add_paragraph(style="List Number")
            paragraph.add_run(f"{who} ({comment.unit_name}): ").bold = True
            paragraph.add_run(comment.text)
            if comment.answer:
                document.add_paragraph(_("Trả lời: %(answer)s") % {"answer": comment.answer})
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
