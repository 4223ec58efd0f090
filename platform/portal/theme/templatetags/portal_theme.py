"""Template tags of the shared theme: the unit's settings, slogans, colours and network links.

Every tag answers "nothing" outside a unit's portal: the error pages for
unknown hosts and archived units use the same base template in the public
schema, where the theme's tables do not exist.
"""

from django import template
from django.apps import apps
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from wagtail.models import Site

from portal.extensions.menu import main_menu as build_main_menu
from portal.tenancy import addresses

from ..colours import safe_colour
from ..models import Slogan, ThemeSettings, split_home_layout
from ..naming import portal_name, vietnamese_date
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


@register.simple_tag(takes_context=True)
def network_portals(context):
    """The parent's and children's portals (network.Neighbours) if the unit shows them."""
    request = _unit_request(context)
    theme = unit_theme(context)
    shown = request is not None and theme is not None and theme.show_network_links
    return neighbours(request.tenant, request) if shown else None


@register.inclusion_tag("portal_theme/includes/network_links.html", takes_context=True)
def network_links(context):
    """Public-service links, and the parent's and children's portals if the unit shows them."""
    theme = unit_theme(context)
    return {
        "public_services": theme.public_service_links if theme is not None else [],
        "neighbours": network_portals(context),
    }


@register.simple_tag(takes_context=True)
def unit_portal_name(context, theme):
    """The portal's official name (naming.PortalName), or None outside a unit's portal."""
    request = _unit_request(context)
    if request is None or not getattr(request.tenant, "pk", None):
        return None
    chosen = theme.portal_name if theme is not None else ""
    return portal_name(request.tenant.name, unit_level(context), chosen)


@register.simple_tag(takes_context=True)
def unit_level(context):
    """The unit's level code (province, district, commune, agency), or ""."""
    request = _unit_request(context)
    unit = getattr(request, "tenant", None)
    return unit.level.code if getattr(unit, "level_id", None) else ""


@register.simple_tag(takes_context=True)
def english_introduction(context):
    """The unit's live English introduction page (the language switch), or None."""
    request = _unit_request(context)
    if request is None or not getattr(request.tenant, "pk", None):
        return None
    return apps.get_model("portal_sites", "EnglishIntroductionPage").objects.live().first()


@register.simple_tag
def today_in_vietnamese():
    """ "Thứ Hai, ngày 07/12/2026" in the portal's time zone ("Monday, 07/12/2026" on the
    English introduction). Cached pages and fragments carry the date in their keys
    (sites.page_cache.unit_state), so none shows yesterday."""
    today = timezone.localdate()
    if translation.get_language() == "en":
        return f"{today:%A, %d/%m/%Y}"
    return vietnamese_date(today)


def _home_of(request):
    site = Site.find_for_request(request)
    return site.root_page if site is not None else None


@register.inclusion_tag("portal_theme/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu, with the entry of the current page or its section marked."""
    request = _unit_request(context)
    home = _home_of(request) if request is not None else None
    page = context.get("page")
    current_path = getattr(page, "path", "")
    entries = build_main_menu(home) if home is not None else []
    return {
        "request": request,
        "home": home,
        "entries": entries,
        "current_path": current_path,
        "at_home": home is not None and current_path == home.path,
    }


@register.filter
def menu_state(entry_page, current_path):
    """ "page" for the current page, "true" for an ancestor of it, "" otherwise."""
    if not current_path or entry_page is None:
        return ""
    if entry_page.path == current_path:
        return "page"
    return "true" if current_path.startswith(entry_page.path) else ""


@register.filter
def entry_state(entry, current_path):
    """menu_state of a main menu entry, "true" too when the current page is under one of its
    drop-down entries (a module's page nested under a section lives elsewhere in the tree)."""
    state = menu_state(entry.page, current_path)
    if state or not any(menu_state(child.page, current_path) for child in entry.children):
        return state
    return "true"


@register.filter
def home_layout(theme):
    """(main, side) block keys of the home page (models.split_home_layout)."""
    return theme.home_layout() if theme is not None else split_home_layout([])
