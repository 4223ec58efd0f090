"""Template tags of the plugin API: slots and plugin-aware page lists."""

from django import template

from .. import pages, slots

register = template.Library()


@register.simple_tag(takes_context=True)
def plugin_slot(context, name: str):
    """Render the blocks active plugins put into slot `name` (see portal.extensions.slots)."""
    return slots.render_slot(name, context.get("request"), context.get("page"))


@register.filter
def visible_here(page_queryset):
    """Drop pages of plugins that are not active in this unit (e.g. from the main menu)."""
    return pages.visible_here(page_queryset)
