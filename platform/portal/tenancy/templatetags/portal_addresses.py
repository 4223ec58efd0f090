"""`{{ row.url|seen_from:request }}`: a stored portal address on the request's scheme and port."""

from django import template

from .. import addresses

register = template.Library()


@register.filter
def seen_from(url, request):
    return addresses.seen_from(url, request)
