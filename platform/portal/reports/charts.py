"""Bar charts as SVG, rendered on the server: no script, no outside library."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 220
BAR_AREA = 360


def bar_chart(
    rows: list[tuple[str, float]], title: str, *, marks: dict[str, float] | None = None
) -> SafeString:
    """Horizontal bars for (label, value) rows; `marks` draws a target line on a row's bar.

    Labels are escaped (they come from editors' section titles and names).
    """
    marks = marks or {}
    largest = max([value for _, value in rows] + list(marks.values()) + [1])
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_AREA + 60
    parts = []
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = BAR_AREA * value / largest
        parts.append(
            format_html(
                '<g><text x="{}" y="{}" text-anchor="end" font-size="13">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#b3261e">'
                "<title>{}: {}</title></rect>"
                '<text x="{}" y="{}" font-size="13">{}</text></g>',
                LABEL_WIDTH - 8,
                y + 16,
                _short(label),
                LABEL_WIDTH,
                y,
                _number(length),
                BAR_HEIGHT,
                label,
                value,
                _number(LABEL_WIDTH + length + 6),
                y + 16,
                value,
            )
        )
        if label in marks:
            x = LABEL_WIDTH + BAR_AREA * marks[label] / largest
            parts.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#1d4ed8" stroke-width="3"/>',
                    _number(x),
                    _number(x),
                    y - 2,
                    y + BAR_HEIGHT + 2,
                )
            )
    return format_html(
        '<svg class="report-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'style="max-width:{}px" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title,
        width,
        height,
        width,
        title,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def _number(value: float) -> str:
    return f"{value:.1f}"


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
