"""Real attachment files made on the spot: a PDF with a text layer, a DOCX, a scanned PDF."""

from __future__ import annotations

import io

import docx
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def text_pdf(*lines: str) -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    for line in lines:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_file(paragraph: str, cells: tuple[str, str]) -> bytes:
    """A paragraph and a one-row table, as official documents lay out their header."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = cells
    document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def scanned_pdf(*lines: str) -> bytes:
    """A page image only (no text layer), as a scanner produces."""
    page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 44)
    for number, line in enumerate(lines):
        draw.text((120, 160 + number * 90), line, fill=0, font=font)
    out = io.BytesIO()
    page.save(out, "PDF", resolution=200.0)
    return out.getvalue()
