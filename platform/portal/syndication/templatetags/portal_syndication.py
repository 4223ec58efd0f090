"""Template tags: feed links for a page's head, and what a section shows from elsewhere."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.publications import registry
from portal.tenancy.addresses import absolute
from portal.tenancy.models import Unit

from ..models import Appearance, ExternalItem
from ..sections import is_section

register = template.Library()


def _unit(context) -> Unit | None:
    request = context.get("request")
    unit = getattr(request, "tenant", None)
    return unit if isinstance(unit, Unit) else None


@register.inclusion_tag("portal_syndication/feed_links.html", takes_context=True)
def feed_links(context):
    """`<link rel="alternate">` for this portal's feeds, the network's and the section's."""
    unit, request = _unit(context), context.get("request")
    if unit is None:
        return {"links": []}
    links = [
        (
            _("%(name)s (RSS)") % {"name": unit.name},
            "application/rss+xml",
            reverse("syndication_feed", args=["rss"]),
        ),
        (
            _("%(name)s (Atom)") % {"name": unit.name},
            "application/atom+xml",
            reverse("syndication_feed", args=["atom"]),
        ),
        (
            _("Toàn mạng lưới (RSS)"),
            "application/rss+xml",
            reverse("syndication_network_feed", args=["rss"]),
        ),
    ]
    links += [
        (
            _("%(name)s (RSS)") % {"name": f"{unit.name} — {kind.label}"},
            "application/rss+xml",
            reverse("syndication_kind_feed", args=[kind.slug, "rss"]),
        )
        for kind in registry.kinds()
    ]
    section = context.get("page")
    if is_section(section):
        links.append(
            (
                _("%(name)s (RSS)") % {"name": section.title},
                "application/rss+xml",
                reverse("syndication_section_feed", args=[section.pk, "rss"]),
            )
        )
    return {"links": [(title, kind, absolute(href, request)) for title, kind, href in links]}


@register.inclusion_tag("portal_syndication/section_items.html", takes_context=True)
def syndicated_items(context, section):
    """Items of other units shown in `section`, and the section's external feeds' items."""
    unit = _unit(context)
    if unit is None:
        return {}
    appearances = list(
        Appearance.objects.shown_in(unit, section.slug).select_related("directive")[:20]
    )
    external = list(
        ExternalItem.objects.filter(
            subscription__unit=unit, subscription__section_id=section.pk, subscription__enabled=True
        )
        .select_related("subscription")
        .order_by("-published_at", "-pk")[:20]
    )
    return {"section": section, "appearances": appearances, "external_items": external}
