"""Admin menu items shown only to those who hold a right (see `access`)."""

from __future__ import annotations

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access


class RightMenuItem(MenuItem):
    """Shown when the person holds `right` in the unit whose admin they are in."""

    def __init__(self, label, url, *, right: access.Right, **kwargs):
        super().__init__(label, url, **kwargs)
        self.right = right

    def is_shown(self, request):
        return access.holds(request, self.right)


def register_right_menu_item(
    hook_name: str, label, url_name: str, *, right: access.Right, icon_name: str, order: int
) -> None:
    """Register with Wagtail's `hook_name` (e.g. "register_admin_menu_item") a menu item
    to the view `url_name`, shown to those who hold `right`."""

    def menu_item():
        return RightMenuItem(
            label, reverse(url_name), right=right, icon_name=icon_name, order=order
        )

    hooks.register(hook_name, menu_item)
