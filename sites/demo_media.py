"""Organisation charts and PDFs of the demo network, drawn here (Pillow, fpdf2); the
photographs are scenes painted by `demo_scenes`. No file is downloaded.

Vietnamese text needs a Unicode font: DejaVu Sans (Debian's fonts-dejavu-core,
which `make test` installs). Without it, charts are drawn without words
and documents are attached as UTF-8 text files instead of PDFs.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def has_font() -> bool:
    return FONT.is_file() and FONT_BOLD.is_file()


def _font(size: int, bold: bool = False):
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT), size) if has_font() else None


def org_chart(head: str, members: list[str]) -> bytes:
    """Boxes and lines: the committee on top, its bodies below. PNG bytes."""
    width, height = 960, 420
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font = _font(20, bold=True)
    small = _font(16)
    top = (width // 2 - 200, 30, width // 2 + 200, 110)
    draw.rectangle(top, outline=(160, 20, 20), width=3, fill=(253, 240, 240))
    if font is not None:
        draw.text((top[0] + 20, top[1] + 28), _fit(head, 32), font=font, fill=(120, 0, 0))
    step = width // len(members)
    for i, member in enumerate(members):
        x = i * step + 15
        box = (x, 220, x + step - 30, 310)
        draw.line(
            [
                (width // 2, 110),
                (width // 2, 165),
                (x + (step - 30) // 2, 165),
                (x + (step - 30) // 2, 220),
            ],
            fill=(120, 120, 120),
            width=2,
        )
        draw.rectangle(box, outline=(40, 80, 140), width=2, fill=(235, 242, 252))
        if small is not None:
            draw.text((box[0] + 10, box[1] + 35), _fit(member, 20), font=small, fill=(20, 40, 90))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def official_document(
    header_left: list[str],
    header_right: list[str],
    number: str,
    heading: str,
    abstract: str,
    paragraphs: list[str],
    place_date: str,
    signer_title: str,
    signer: str,
) -> tuple[bytes, str]:
    """An official document laid out as party documents are; (content, extension).

    A PDF with DejaVu Sans, or UTF-8 text with the same words without it.
    """
    if not has_font():
        lines = [
            *header_left,
            f"Số {number}",
            place_date,
            "",
            heading,
            abstract,
            "",
            *paragraphs,
            "",
            signer_title,
            signer,
        ]
        return "\n".join(lines).encode("utf-8"), "txt"
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    half = (pdf.w - 40) / 2
    top = pdf.get_y()
    pdf.set_font("DejaVu", "B", 11)
    for line in header_left:
        pdf.cell(half, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(half, 6, f"Số {number}", align="C", new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_xy(20 + half, top)
    pdf.set_font("DejaVu", "B", 11)
    for line in header_right:
        pdf.cell(half, 6, line, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(half, 6, place_date, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(bottom, pdf.get_y()) + 10)
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(0, 9, heading, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 7, abstract, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 12)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, "    " + paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(8)
    pdf.set_x(20 + half)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(half, 7, signer_title, align="C", new_x="LEFT", new_y="NEXT")
    pdf.ln(16)
    pdf.set_x(20 + half)
    pdf.cell(half, 7, signer, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), "pdf"


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
