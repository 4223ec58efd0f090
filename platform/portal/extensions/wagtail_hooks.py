"""Admin integration of the plugin API: the plugin screens, and hiding inactive plugins."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import activation, guard, pages, views
from .registry import plugin_of_model, plugin_of_module

admin_urls = (
    [
        path("", views.unit_plugins, name="unit"),
        path("toggle/", views.toggle, name="toggle"),
        path("network/", views.network, name="network"),
    ],
    "portal_extensions",
)


@hooks.register("register_admin_urls")
def register_plugin_admin_urls():
    return [path("plugins/", include(admin_urls))]


register_right_menu_item(
    "register_settings_menu_item",
    gettext_lazy("Mô-đun"),
    "portal_extensions:unit",
    right=access.ADMINISTER_UNIT,
    icon_name="cogs",
    order=900,
)


def _item_urls(item) -> list[str]:
    menu = getattr(item, "menu", None)
    if menu is not None:  # a submenu (e.g. a ViewSetGroup), whose own url is "#"
        return [child.url for child in menu.registered_menu_items if child.url]
    return [item.url] if getattr(item, "url", None) else []


def _drop_inactive(menu_items) -> None:
    menu_items[:] = [
        item
        for item in menu_items
        if not (urls := _item_urls(item)) or any(guard.url_allowed_here(url) for url in urls)
    ]


@hooks.register("construct_main_menu")
def hide_inactive_plugin_menu_items(request, menu_items):
    """Admin menu items: a plugin's items show only where it is active."""
    _drop_inactive(menu_items)


@hooks.register("construct_settings_menu")
def hide_inactive_plugin_settings(request, menu_items):
    """Settings panels (a plugin's BaseSiteSetting): listed only where it is active."""
    _drop_inactive(menu_items)


# After every app has added its items (wagtailmedia is installed after us).
@hooks.register("construct_homepage_summary_items", order=1000)
def hide_inactive_plugin_summary_items(request, summary_items):
    """Dashboard counters (e.g. an adopted app's "Media files"): only where the plugin is active."""
    summary_items[:] = [
        item
        for item in summary_items
        if (owner := plugin_of_module(type(item).__module__)) is None
        or activation.is_active(owner.label)
    ]


@hooks.register("construct_explorer_page_queryset")
def hide_inactive_plugin_pages(parent_page, pages_queryset, request):
    return pages.visible_here(pages_queryset)


@hooks.register("construct_page_chooser_queryset")
def hide_inactive_plugin_pages_in_chooser(pages_queryset, request):
    return pages.visible_here(pages_queryset)


@hooks.register("before_bulk_action")
def refuse_bulk_actions_on_inactive_plugins(request, action_type, objects, action_class_instance):
    hidden = pages.inactive_plugin_labels()
    for obj in objects:
        target = getattr(obj, "specific_class", None) or type(obj)
        plugin = plugin_of_model(target)
        if plugin is not None and plugin.label in hidden:
            messages.error(
                request,
                _("Mô-đun %(plugin)s đang tắt ở đơn vị này.") % {"plugin": plugin.meta.name},
            )
            return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None
