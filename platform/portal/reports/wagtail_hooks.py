"""The reports in the admin menu: a unit's "Báo cáo biên tập", the network's for administrators."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import admin_views


@hooks.register("register_admin_urls")
def report_admin_urls():
    patterns = [
        path("", admin_views.unit_report, name="unit"),
        path("mang-luoi/", admin_views.network_report, name="network"),
        path("don-vi/<str:code>/", admin_views.network_unit_report, name="unit_of"),
        path("chi-tieu/<str:code>/", admin_views.edit_targets, name="targets"),
    ]
    return [path("bao-cao/", include((patterns, "portal_reports")))]


register_right_menu_item(
    "register_admin_menu_item",
    _("Báo cáo biên tập"),
    "portal_reports:unit",
    right=access.READ_UNIT_REPORT,
    icon_name="table",
    order=260,
)


register_right_menu_item(
    "register_admin_menu_item",
    _("Báo cáo mạng lưới"),
    "portal_reports:network",
    right=access.READ_NETWORK_REPORT,
    icon_name="table",
    order=261,
)
