"""The merge form in the admin menu, for network administrators only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import RightMenuItem

from . import views


@hooks.register("register_admin_urls")
def merge_admin_urls():
    return [path("sap-nhap/", views.merge_view, name="portal_merges_merge")]


@hooks.register("register_admin_menu_item")
def merge_menu_item():
    return RightMenuItem(
        _("Sáp nhập đơn vị"),
        reverse("portal_merges_merge"),
        right=access.ADMINISTER_NETWORK,
        icon_name="site",
        order=51,
    )
