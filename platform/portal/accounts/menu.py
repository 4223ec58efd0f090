"""Admin menu items shown only to those who hold a right (see `access`)."""

from __future__ import annotations

from wagtail.admin.menu import MenuItem

from . import access


class RightMenuItem(MenuItem):
    """Shown when the person holds `right` in the unit whose admin they are in."""

    def __init__(self, label, url, *, right: access.Right, **kwargs):
        super().__init__(label, url, **kwargs)
        self.right = right

    def is_shown(self, request):
        return access.holds(request, self.right)
