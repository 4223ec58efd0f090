"""From the unit's pages and rows to the checks' plain values, and the tone-mark fix back."""

from __future__ import annotations

import html
import re

from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from ..models import ArticlePage, DocumentPage, Leader
from . import checks, tone_marks
from .models import DeskRules

CHECKED_MODELS = (ArticlePage, DocumentPage)
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(p|h2|h3|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def rules(desk: DeskRules | None = None) -> checks.Rules:
    """The current unit's rules, with its leadership from the live introduction page."""
    desk = desk or DeskRules.current()
    leaders = Leader.objects.filter(page__live=True).order_by("page_id", "sort_order")
    return checks.Rules(
        tone_style=desk.tone_style,
        title_range=(desk.title_min, desk.title_max),
        lead_range=(desk.lead_min, desk.lead_max),
        leaders=tuple(checks.Leader(leader.name, leader.position) for leader in leaders),
        watch_words=desk.watch_list(),
        accepted_words=desk.accepted(),
    )


def draft_of(page) -> checks.Draft:
    """What the checks read of an article or a document, as it stands in `page`."""
    if isinstance(page, DocumentPage):
        texts = [(_("Trích yếu"), page.abstract or "")]
        return checks.Draft(title=page.title or "", texts=tuple(texts))
    texts, photos = [], []
    if page.featured_image_id:
        photos.append(checks.Photo(_("Ảnh đại diện"), page.featured_image_caption or ""))
    for number, block in enumerate(page.body or [], start=1):
        where = _("Nội dung, khối %(number)s") % {"number": number}
        if block.block_type == "paragraph":
            texts.append((where, plain_text(block.value)))
        elif block.block_type == "quote":
            texts.append((where, block.value.get("text") or ""))
        elif block.block_type == "image":
            photos.append(checks.Photo(where, block.value.get("caption") or ""))
        elif block.block_type == "gallery":
            for index, image in enumerate(block.value.get("images") or [], start=1):
                place = _("%(where)s, ảnh %(index)s") % {"where": where, "index": index}
                photos.append(checks.Photo(place, image.get("caption") or ""))
    return checks.Draft(
        title=page.title or "",
        lead=page.lead or "",
        lead_label=_("Sapo"),
        texts=tuple(texts),
        photos=tuple(photos),
    )


def plain_text(rich: RichText | str) -> str:
    source = rich.source if isinstance(rich, RichText) else str(rich or "")
    return html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", source)))


def fix_tone_marks(page, style: str) -> None:
    """Every text of `page` (title, lead, captions, body) with the tone marks of `style`."""
    page.title = tone_marks.restyle_text(page.title, style)
    if isinstance(page, DocumentPage):
        page.abstract = tone_marks.restyle_text(page.abstract, style)
        return
    page.lead = tone_marks.restyle_text(page.lead, style)
    page.featured_image_caption = tone_marks.restyle_text(page.featured_image_caption, style)
    stream_block = type(page).body.field.stream_block
    raw = _restyled(stream_block.get_prep_value(page.body), style)
    page.body = stream_block.to_python(raw)


def _restyled(value, style: str):
    """The StreamField's JSON with every text restyled; keys, ids and numbers as they were."""
    if isinstance(value, dict):
        return {
            key: item if key in ("type", "id") else _restyled(item, style)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_restyled(item, style) for item in value]
    if isinstance(value, str):
        return tone_marks.restyle_html(value, style)
    return value
