"""Views besides Wagtail's pages that show a unit's chrome (header, menu, footer) around
their own content, such as the search page.

They are handed the unit's cached Site and theme settings before they run
(sites.serving), as Wagtail's page serving is.
"""

_MARK = "portal_wears_unit_chrome"


def wears_unit_chrome(view):
    """Mark `view` (its outermost decorator) as one that shows the unit's chrome."""
    setattr(view, _MARK, True)
    return view


def shows_unit_chrome(view) -> bool:
    return getattr(view, _MARK, False)
