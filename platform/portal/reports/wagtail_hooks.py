"""The reports in the admin menu: a unit's "Báo cáo biên tập", the network's for administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import RightMenuItem

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


@hooks.register("register_admin_menu_item")
def unit_report_menu_item():
    return RightMenuItem(
        _("Báo cáo biên tập"),
        reverse("portal_reports:unit"),
        right=access.READ_UNIT_REPORT,
        icon_name="table",
        order=260,
    )


@hooks.register("register_admin_menu_item")
def network_report_menu_item():
    return RightMenuItem(
        _("Báo cáo mạng lưới"),
        reverse("portal_reports:network"),
        right=access.READ_NETWORK_REPORT,
        icon_name="table",
        order=261,
    )
