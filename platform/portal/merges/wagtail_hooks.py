"""The merge form in the admin menu, for network administrators only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import views


@hooks.register("register_admin_urls")
def merge_admin_urls():
    return [path("sap-nhap/", views.merge_view, name="portal_merges_merge")]


register_right_menu_item(
    "register_admin_menu_item",
    _("Sáp nhập đơn vị"),
    "portal_merges_merge",
    right=access.ADMINISTER_NETWORK,
    icon_name="site",
    order=51,
)
