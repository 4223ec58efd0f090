"""`{% unit_fragment "name" [value ...] %}…{% end_unit_fragment %}`: a cached fragment.

What the tags enclose is rendered once per unit, name and values, then read
back until the unit changes (see sites.fragment_cache). Enclose only what is
the same for every visitor of the unit.
"""

from django import template
from django.utils.safestring import mark_safe

from .. import fragment_cache

register = template.Library()

# Home (2), its children (3) and theirs (4, the drop-downs) can be marked in the menu.
MENU_DEPTH = 4


class UnitFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, depends):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.depends = depends

    def render(self, context):
        depends = self.depends.resolve(context) if self.depends else fragment_cache.ANY_PAGE
        return mark_safe(
            fragment_cache.render(
                context.get("request"),
                self.name.resolve(context),
                [value.resolve(context) for value in self.vary_on],
                lambda: self.nodelist.render(context),
                depends,
            )
        )


@register.tag("unit_fragment")
def unit_fragment(parser, token):
    """Values after the name vary the fragment; a last `depends=` names what it shows
    besides the unit's settings: "settings" (nothing more), a page (it and its siblings),
    "type:app_label.model" (pages of that type), or by default any page of the unit
    (see sites.fragment_cache)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a fragment name, then optional values."
        )
    depends = None
    if bits[-1].startswith("depends="):
        depends = parser.compile_filter(bits.pop().removeprefix("depends="))
    nodelist = parser.parse(("end_unit_fragment",))
    parser.delete_first_token()
    return UnitFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        depends,
    )


@register.filter
def menu_marker(page):
    """What the main menu varies on: the branch that decides which entry is marked,
    i.e. the page's ancestor at the drop-downs' depth (the page itself if higher)."""
    if not page:  # a view that is no page (search): no entry is marked
        return ""
    return page.path[: MENU_DEPTH * page.steplen]
