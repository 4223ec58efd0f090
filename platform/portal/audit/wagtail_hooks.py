"""The audit log's page and menu item, for network administrators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import RightMenuItem

from . import views


@hooks.register("register_admin_urls")
def audit_admin_urls():
    return [path("nhat-ky-quan-tri/", views.audit_log, name="portal_audit_log")]


@hooks.register("register_admin_menu_item")
def audit_log_menu_item():
    return RightMenuItem(
        _("Nhật ký quản trị"),
        reverse("portal_audit_log"),
        right=access.ADMINISTER_NETWORK,
        icon_name="history",
        order=51,
    )
