"""Pictures and PDFs of the demo network, drawn here (Pillow, fpdf2): no file is downloaded.

Vietnamese text needs a Unicode font: DejaVu Sans (Debian's fonts-dejavu-core,
which `make test` installs). Without it, pictures are drawn without words
and documents are attached as UTF-8 text files instead of PDFs.
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
SIZE = (960, 540)

# Sky and field colours of a few times of day and seasons.
PALETTES = [
    ((135, 190, 235), (60, 140, 70)),
    ((250, 200, 140), (110, 150, 60)),
    ((170, 210, 240), (190, 170, 60)),
    ((120, 160, 210), (40, 110, 90)),
]


def has_font() -> bool:
    return FONT.is_file() and FONT_BOLD.is_file()


def _font(size: int, bold: bool = False):
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT), size) if has_font() else None


def scene(seed: int, caption: str) -> bytes:
    """A landscape (sky, sun, hills, fields, a flag) with `caption` on a band: JPEG bytes."""
    rng = random.Random(seed)
    sky, field = PALETTES[seed % len(PALETTES)]
    width, height = SIZE
    image = Image.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):  # the sky lightens towards the horizon
        shade = tuple(min(255, c + y // 6) for c in sky)
        draw.line([(0, y), (width, y)], fill=shade)
    sun_x = rng.randint(80, width - 80)
    draw.ellipse([sun_x - 40, 50, sun_x + 40, 130], fill=(255, 230, 120))
    for layer in range(3):  # hills, nearer ones darker
        base = height // 2 + layer * 40
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base - rng.randint(10, 70)))
        points.append((width, height))
        tone = tuple(max(0, c - 25 * layer) for c in field)
        draw.polygon(points, fill=tone)
    for row in range(6):  # rice field rows
        y = height - 30 - row * 22
        draw.line([(0, y), (width, y - 30)], fill=tuple(min(255, c + 30) for c in field), width=3)
    pole_x = rng.randint(120, width - 200)
    draw.line([(pole_x, 150), (pole_x, 330)], fill=(90, 90, 90), width=5)
    draw.rectangle([pole_x, 150, pole_x + 90, 210], fill=(218, 37, 29))
    star = [(pole_x + 45 + dx, 180 + dy) for dx, dy in _star_points(22)]
    draw.polygon(star, fill=(255, 221, 0))
    font = _font(30, bold=True)
    if font is not None:
        draw.rectangle([0, height - 90, width, height], fill=(0, 0, 0))
        draw.text((30, height - 70), _fit(caption, 52), font=font, fill=(255, 255, 255))
    return _jpeg(image)


def _star_points(radius: int) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = math.pi / 2 + i * math.pi / 5
        points.append((r * math.cos(angle), -r * math.sin(angle)))
    return points


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


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
