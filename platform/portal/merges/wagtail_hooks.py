"""The merge form in the admin menu, for network administrators only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def merge_admin_urls():
    return [path("sap-nhap/", views.merge_view, name="portal_merges_merge")]


class NetworkAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_active and request.user.is_superuser


@hooks.register("register_admin_menu_item")
def merge_menu_item():
    return NetworkAdminMenuItem(
        _("Sáp nhập đơn vị"), reverse("portal_merges_merge"), icon_name="site", order=51
    )
