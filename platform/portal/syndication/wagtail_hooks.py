"""Admin integration: the "Liên thông" menu, its screens and its audit-log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from portal.accounts import access
from portal.accounts.menu import RightMenuItem

from . import admin_urls, audit


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("lien-thong/", include(admin_urls, namespace="syndication_admin"))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register(actions)


MENU = [
    (_("Đề xuất lên cấp trên"), "syndication_admin:proposals_sent", "upload"),
    (_("Đề xuất từ cơ sở"), "syndication_admin:proposals_received", "tasks"),
    (_("Chỉ đạo xuống cơ sở"), "syndication_admin:directives_sent", "download"),
    (_("Tin nhận từ đơn vị khác"), "syndication_admin:received", "doc-full"),
    (_("Nguồn tin ngoài"), "syndication_admin:subscriptions", "link-external"),
]


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        RightMenuItem(label, reverse(name), right=access.SYNDICATE, icon_name=icon, order=index)
        for index, (label, name, icon) in enumerate(MENU)
    ]
    return SubmenuMenuItem(_("Liên thông"), Menu(items=items), icon_name="site", order=350)
