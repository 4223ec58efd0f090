from django import template

from ..schedule import feed_links

register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_feeds(context, page, leader):
    """The calendar feeds the schedule page links to (absolute, from the request's host)."""
    return feed_links(context["request"], page, leader)
