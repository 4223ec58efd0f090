"""Brand colours: the one rule for what a unit may put into its CSS.

A colour reaches a <style> element, so anything but a plain `#rrggbb` value
could close the declaration and inject CSS. The same pattern validates the
admin form and filters again at render time (rows written without
validation, e.g. by a queryset update, must not slip through either).
"""

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}\Z")

# The network's red, as in portal.css.
DEFAULT_PRIMARY = "#b0121b"
DEFAULT_SECONDARY = "#7d0c13"

validate_hex_colour = RegexValidator(HEX_COLOUR, _("Màu phải có dạng #rrggbb, ví dụ #b0121b."))


def safe_colour(value: object) -> str | None:
    """`value` when it is a plain `#rrggbb` colour, else None."""
    if isinstance(value, str) and HEX_COLOUR.match(value):
        return value
    return None
