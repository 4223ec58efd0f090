"""The aggregated news block ("Tin cơ sở") editors put on a home page."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.publications import registry
from portal.publications.models import Publication, PublicationStatus
from portal.tenancy import addresses
from portal.tenancy.models import Level, Unit

from . import aggregation


def _current_unit() -> Unit | None:
    tenant = getattr(connection, "tenant", None)
    return tenant if isinstance(tenant, Unit) else None


def level_choices():
    return [(level.code, level.name) for level in Level.objects.all()]


def unit_choices():
    unit = _current_unit()
    if unit is None:
        return []
    units = Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth)
    return [(code, name) for code, name in units.values_list("code", "name")]


def section_choices():
    unit = _current_unit()
    if unit is None:
        return []
    titles = (
        Publication.objects.filter(
            status=PublicationStatus.LIVE,
            unit__path__startswith=unit.path,
            unit__depth__gt=unit.depth,
        )
        .exclude(section_title="")
        .order_by("section_title")
        .values_list("section_title", flat=True)
        .distinct()
    )
    return [(title, title) for title in titles]


def kind_choices():
    return [(kind.slug, kind.label) for kind in registry.kinds()]


class AggregatedNewsBlock(blocks.StructBlock):
    """The newest items of the units below this one, straight from the network ledger."""

    title = blocks.CharBlock(label=_("Tiêu đề khối"), default=_("Tin cơ sở"), max_length=120)
    only_children = blocks.BooleanBlock(
        label=_("Chỉ đơn vị trực thuộc"),
        required=False,
        help_text=_("Bỏ chọn để lấy tin của mọi cấp bên dưới."),
    )
    levels = blocks.MultipleChoiceBlock(
        label=_("Cấp đơn vị"),
        choices=level_choices,
        required=False,
        help_text=_("Để trống: mọi cấp."),
    )
    units = blocks.MultipleChoiceBlock(
        label=_("Đơn vị"),
        choices=unit_choices,
        required=False,
        help_text=_("Để trống: mọi đơn vị bên dưới."),
    )
    sections = blocks.MultipleChoiceBlock(
        label=_("Chuyên mục"),
        choices=section_choices,
        required=False,
        help_text=_("Để trống: mọi chuyên mục."),
    )
    kinds = blocks.MultipleChoiceBlock(
        label=_("Loại nội dung"),
        choices=kind_choices,
        required=False,
        default=["article"],
        help_text=_("Để trống: mọi loại."),
    )
    count = blocks.IntegerBlock(label=_("Số tin"), default=8, min_value=1, max_value=30)

    class Meta:
        icon = "site"
        label = _("Tin cơ sở (tổng hợp)")
        template = "portal_syndication/aggregated_news_block.html"

    @staticmethod
    def selection(value) -> aggregation.Selection:
        return aggregation.Selection(
            only_children=bool(value.get("only_children")),
            levels=tuple(value.get("levels") or ()),
            units=tuple(value.get("units") or ()),
            sections=tuple(value.get("sections") or ()),
            kinds=tuple(value.get("kinds") or ()),
            count=value.get("count") or 8,
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        unit = _current_unit()
        context["items"] = aggregation.latest(unit, self.selection(value)) if unit else []
        return context

    def render(self, value, context=None):
        """The block's HTML, cached under the same key as its items (plus the language)."""
        unit = _current_unit()
        if unit is None:
            return super().render(value, context)
        block_id = getattr((context or {}).get("block"), "id", "") or ""
        request = (context or {}).get("request")
        links = addresses.variant(request) if request is not None else ""
        title = hashlib.sha1(str(value.get("title")).encode()).hexdigest()[:12]
        key = aggregation.cache_key(
            unit, self.selection(value), "html", get_language() or "", links, block_id, title
        )
        html = cache.get(key)
        if html is None:
            html = super().render(value, context)
            cache.set(key, html, aggregation.CACHE_SECONDS)
        return html


def default_home_body(unit: Unit) -> list:
    """A new unit's home page blocks: "Tin cơ sở" for a unit whose level has levels below it."""
    if not unit.level.allowed_children.exclude(code="agency").exists():
        return []
    return [("aggregated_news", AggregatedNewsBlock().to_python({}))]
