"""The portal's main menu: the home page's children in the menu, each with its own
children as a drop-down, without the pages of inactive plugins.

A plugin whose subject a core section already covers (PluginConfig.menu_section_slugs,
e.g. the Fatherland Front and "Dân vận - Mặt trận") does not add a second entry
beside that section: its page nests under the section, first of its drop-down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page

from .pages import visible_here
from .registry import plugins


@dataclass
class MenuEntry:
    page: Page
    children: list[MenuEntry] = field(default_factory=list)


def main_menu(home: Page) -> list[MenuEntry]:
    """The entries of `home`'s main menu, in the page tree's order (two queries)."""
    in_menu = Page.objects.live().in_menu().select_related("content_type")
    top = [MenuEntry(page) for page in visible_here(in_menu.child_of(home))]
    below = visible_here(in_menu.descendant_of(home).filter(depth=home.depth + 2))
    by_path = {entry.page.path: entry for entry in top}
    for page in below:
        parent = by_path.get(page.path[: -Page.steplen])
        if parent is not None:
            parent.children.append(MenuEntry(page))
    return _nest_plugin_entries(top)


def _nest_plugin_entries(top: list[MenuEntry]) -> list[MenuEntry]:
    """Move each plugin page that has a matching core section under that section."""
    section_slugs = {
        plugin.label: plugin.menu_section_slugs for plugin in plugins() if plugin.menu_section_slugs
    }
    by_slug = {entry.page.slug: entry for entry in top}
    kept = []
    for entry in top:
        slugs = section_slugs.get(entry.page.content_type.app_label, ())
        section = next(
            (by_slug[s] for s in slugs if s in by_slug and by_slug[s] is not entry), None
        )
        if section is None:
            kept.append(entry)
        else:
            section.children.insert(0, MenuEntry(entry.page))
    return kept
