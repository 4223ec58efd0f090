from django import template

from .. import figures

register = template.Library()


@register.simple_tag(takes_context=True)
def visitor_total(context):
    """The portal's total page views, or None where the unit does not show it."""
    unit = getattr(context.get("request"), "tenant", None)
    if unit is None or not getattr(unit, "pk", None):
        return None
    return figures.shown_total(unit)


@register.simple_tag(takes_context=True)
def most_read(context, limit=5, days=7):
    unit = getattr(context.get("request"), "tenant", None)
    if unit is None or not getattr(unit, "pk", None):
        return []
    return figures.most_read(unit, days=days, limit=limit)


@register.simple_tag(takes_context=True)
def visitor_figures(context):
    """{"today": ..., "total": ...} page views where the unit shows its counter, else None."""
    total = visitor_total(context)
    if total is None:
        return None
    return {"today": figures.today_total(context["request"].tenant), "total": total}
