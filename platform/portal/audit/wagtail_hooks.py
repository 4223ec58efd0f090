"""The audit log's page and menu item, for network administrators."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import views


@hooks.register("register_admin_urls")
def audit_admin_urls():
    return [path("nhat-ky-quan-tri/", views.audit_log, name="portal_audit_log")]


register_right_menu_item(
    "register_admin_menu_item",
    _("Nhật ký quản trị"),
    "portal_audit_log",
    right=access.ADMINISTER_NETWORK,
    icon_name="history",
    order=51,
)
