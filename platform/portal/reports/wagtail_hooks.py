"""The reports in the admin menu: a unit's "Báo cáo biên tập", the network's for administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, admin_views


@hooks.register("register_admin_urls")
def report_admin_urls():
    patterns = [
        path("", admin_views.unit_report, name="unit"),
        path("mang-luoi/", admin_views.network_report, name="network"),
        path("don-vi/<str:code>/", admin_views.network_unit_report, name="unit_of"),
        path("chi-tieu/<str:code>/", admin_views.edit_targets, name="targets"),
    ]
    return [path("bao-cao/", include((patterns, "portal_reports")))]


class UnitReportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_read_unit_report(request.user)


class NetworkReportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_read_network_report(request.user)


@hooks.register("register_admin_menu_item")
def unit_report_menu_item():
    return UnitReportMenuItem(
        _("Báo cáo biên tập"), reverse("portal_reports:unit"), icon_name="table", order=260
    )


@hooks.register("register_admin_menu_item")
def network_report_menu_item():
    return NetworkReportMenuItem(
        _("Báo cáo mạng lưới"), reverse("portal_reports:network"), icon_name="table", order=261
    )
