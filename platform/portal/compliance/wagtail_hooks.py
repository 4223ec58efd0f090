"""The checklist in the admin menu: the unit's own, and the network's for administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.reports.access import can_read_network_report, can_read_unit_report

from . import admin_views


@hooks.register("register_admin_urls")
def compliance_admin_urls():
    patterns = [
        path("", admin_views.unit_checklist, name="unit"),
        path("mang-luoi/", admin_views.network_checklist, name="network"),
    ]
    return [path("tuan-thu/", include((patterns, "portal_compliance")))]


class UnitChecklistMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_unit_report(request.user)


class NetworkChecklistMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_network_report(request.user)


@hooks.register("register_admin_menu_item")
def unit_checklist_menu_item():
    return UnitChecklistMenuItem(
        _("Tuân thủ quy định"), reverse("portal_compliance:unit"), icon_name="tasks", order=263
    )


@hooks.register("register_admin_menu_item")
def network_checklist_menu_item():
    return NetworkChecklistMenuItem(
        _("Tuân thủ toàn mạng lưới"),
        reverse("portal_compliance:network"),
        icon_name="tasks",
        order=264,
    )
