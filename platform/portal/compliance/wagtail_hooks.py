"""The checklist in the admin menu: the unit's own, and the network's for administrators."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import admin_views


@hooks.register("register_admin_urls")
def compliance_admin_urls():
    patterns = [
        path("", admin_views.unit_checklist, name="unit"),
        path("mang-luoi/", admin_views.network_checklist, name="network"),
    ]
    return [path("tuan-thu/", include((patterns, "portal_compliance")))]


register_right_menu_item(
    "register_admin_menu_item",
    _("Tuân thủ quy định"),
    "portal_compliance:unit",
    right=access.READ_UNIT_REPORT,
    icon_name="tasks",
    order=263,
)


register_right_menu_item(
    "register_admin_menu_item",
    _("Tuân thủ toàn mạng lưới"),
    "portal_compliance:network",
    right=access.READ_NETWORK_REPORT,
    icon_name="tasks",
    order=264,
)
