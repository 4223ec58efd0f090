"""Counting a view whenever a portal page is served to a person (not a robot, not a preview)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import admin_views, counter


@hooks.register("before_serve_page")
def count_page_view(page, request, serve_args, serve_kwargs):
    counter.count_visit(request, page.pk)
    return None


@hooks.register("register_admin_urls")
def analytics_admin_urls():
    return [path("luot-xem/", admin_views.page_views, name="portal_analytics_views")]


register_right_menu_item(
    "register_admin_menu_item",
    _("Lượt xem"),
    "portal_analytics_views",
    right=access.READ_UNIT_REPORT,
    icon_name="view",
    order=262,
)
