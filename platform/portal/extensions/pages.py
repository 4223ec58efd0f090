"""Page types of plugins: creatable, served and listed only where their plugin is active.

Contract for a plugin page type: subclass `PluginPage` first, then Wagtail's
Page (or a sites base page):

    class VideoBriefPage(PluginPage, Page): ...

- `can_create_at` is false in units where the plugin is inactive, so the type
  is offered nowhere there, and Wagtail's create and copy views refuse it;
- the admin refuses to edit, publish, move, copy or delete such pages there
  (see `guard`), and the page explorer does not list them;
- the public portal answers 404 for them (`serve`), leaves them out of its
  sitemap, and `visible_here` removes them from menus built from querysets.
The pages themselves are kept, unchanged, until the plugin is on again.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from portal.accounts.page_rights import RolePagePermissions
from portal.tenancy.page_addresses import PageAddressMixin

from . import activation
from .registry import plugin_of_model, plugins


class PluginPage(PageAddressMixin, RolePagePermissions):
    """Mixin for the page types of a plugin (see the module docstring); it carries the
    roles' page rules (portal.accounts.page_rights) and ASCII addresses too."""

    @classmethod
    def plugin_is_active_here(cls) -> bool:
        plugin = plugin_of_model(cls)
        return plugin is not None and activation.is_active(plugin)

    @classmethod
    def can_create_at(cls, parent):
        return cls.plugin_is_active_here() and super().can_create_at(parent)

    def serve(self, request, *args, **kwargs):
        if not self.plugin_is_active_here():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.plugin_is_active_here() else []


def inactive_plugin_labels() -> set[str]:
    """Labels of the installed plugins that are not active in the current unit."""
    active = activation.active_labels()
    return {plugin.label for plugin in plugins() if plugin.label not in active}


def visible_here(pages: QuerySet) -> QuerySet:
    """`pages` without the pages of plugins inactive in the current unit (no extra query)."""
    hidden = inactive_plugin_labels()
    if not hidden:
        return pages
    return pages.exclude(content_type__app_label__in=hidden)


def publish_under_home(page):
    """Add `page` under the current unit's home page and publish it; for `on_enable`.

    Returns the published page, or None when the unit has no site yet.
    """
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    page.live = False
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page
