"""The checklist in the admin menu: the unit's own, and the network's for administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import RightMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def compliance_admin_urls():
    patterns = [
        path("", admin_views.unit_checklist, name="unit"),
        path("mang-luoi/", admin_views.network_checklist, name="network"),
    ]
    return [path("tuan-thu/", include((patterns, "portal_compliance")))]


@hooks.register("register_admin_menu_item")
def unit_checklist_menu_item():
    return RightMenuItem(
        _("Tuân thủ quy định"),
        reverse("portal_compliance:unit"),
        right=access.READ_UNIT_REPORT,
        icon_name="tasks",
        order=263,
    )


@hooks.register("register_admin_menu_item")
def network_checklist_menu_item():
    return RightMenuItem(
        _("Tuân thủ toàn mạng lưới"),
        reverse("portal_compliance:network"),
        right=access.READ_NETWORK_REPORT,
        icon_name="tasks",
        order=264,
    )
