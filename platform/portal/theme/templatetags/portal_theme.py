"""Template tags of the shared theme: the unit's settings, slogans, colours and network links.

Every tag answers "nothing" outside a unit's portal: the error pages for
unknown hosts and archived units use the same base template in the public
schema, where the theme's tables do not exist.
"""

from django import template
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html

from portal.tenancy import addresses

from ..colours import safe_colour
from ..models import Slogan, ThemeSettings
from ..network import neighbours

register = template.Library()


def _unit_request(context):
    """The request when it is served by a unit's portal, else None."""
    request = context.get("request")
    if request is None or getattr(request, "tenant", None) is None:
        return None
    return request


@register.simple_tag(takes_context=True)
def unit_theme(context):
    """The unit's ThemeSettings (cached on the request), or None."""
    request = _unit_request(context)
    if request is None:
        return None
    try:
        return ThemeSettings.for_request(request)
    except ThemeSettings.DoesNotExist:  # a schema without a Wagtail Site yet
        return None


@register.simple_tag(takes_context=True)
def active_slogans(context):
    """The unit's slogans running today; read (even the query built) only if the banner is
    rendered, not read back from a cache."""
    if _unit_request(context) is None:
        return []
    return SimpleLazyObject(lambda: list(Slogan.objects.active()))


@register.simple_tag(takes_context=True)
def theme_colours(context, theme):
    """A <style> element setting --brand and --brand-dark from the unit's colours.

    Only values that are plain #rrggbb colours are written (see colours.py);
    a missing or invalid one leaves portal.css's default in force. It carries
    the request's CSP nonce: the policy allows no other inline style.
    """
    if theme is None:
        return ""
    declarations = [
        f"{name}: {colour};"
        for name, colour in (
            ("--brand", safe_colour(theme.primary_colour)),
            ("--brand-dark", safe_colour(theme.secondary_colour)),
        )
        if colour
    ]
    if not declarations:
        return ""
    # A lazy object that is falsy until read: compare with None, never test its truth.
    nonce = getattr(context.get("request"), "csp_nonce", None)
    if nonce is not None:
        return format_html(
            '<style nonce="{}">:root {{ {} }}</style>', str(nonce), " ".join(declarations)
        )
    return format_html("<style>:root {{ {} }}</style>", " ".join(declarations))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` made absolute with the request's scheme and host (for og:image and the like)."""
    request = context.get("request")
    return addresses.absolute(url, request) if request is not None else url


@register.inclusion_tag("portal_theme/includes/network_links.html", takes_context=True)
def network_links(context):
    """Public-service links, and the parent's and children's portals if the unit shows them."""
    request = _unit_request(context)
    theme = unit_theme(context)
    shown = request is not None and theme is not None and theme.show_network_links
    return {
        "public_services": theme.public_service_links if theme is not None else [],
        "neighbours": neighbours(request.tenant, request) if shown else None,
    }
