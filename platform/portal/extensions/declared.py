"""A plugin's usual extension points as declarations instead of repeated ready()/on_enable code.

Most plugins register the same things the same way: ledger kinds, home page
blocks, one top page published under the unit's home the first time, and the
demo content of their `demo.fill`. `DeclaredPluginConfig` does that from
class attributes:

    class WorkScheduleConfig(DeclaredPluginConfig):
        home_blocks = (HomeBlock("home_aside", "today-tomorrow",
                                 "plugin_work_schedule/home_block.html", "home.home_context", 5),)
        top_page = TopPage("WorkSchedulePage", "Lịch công tác", "lich-cong-tac")

Dotted names are relative to the plugin's package (`plugins.work_schedule.home`).
A plugin that needs more overrides the method and calls super().
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import import_string

from .meta import PluginConfig


@dataclass(frozen=True)
class LedgerKind:
    """A page model of the plugin entered in the ledger (`ledger.register_kind`)."""

    model: str  # model name in the plugin's app
    kind: str
    label: str
    build_entry: str  # dotted name in the plugin's package


@dataclass(frozen=True)
class HomeBlock:
    """A block of the plugin in a home page slot (`slots.register_block`)."""

    slot: str
    name: str
    template: str
    get_context: str  # dotted name in the plugin's package
    order: int = 100


@dataclass(frozen=True)
class TopPage:
    """The plugin's page under the unit's home, published the first time it is on."""

    model: str  # model name in the plugin's app
    title: str
    slug: str


class DeclaredPluginConfig(PluginConfig):
    """PluginConfig that registers `ledger_kinds` and `home_blocks`, publishes `top_page`
    once and fills the demo from the plugin's `demo.fill` (see the module docstring)."""

    default = False  # a base, like PluginConfig
    ledger_kinds: tuple[LedgerKind, ...] = ()
    home_blocks: tuple[HomeBlock, ...] = ()
    top_page: TopPage | None = None

    def _attribute(self, dotted: str):
        return import_string(f"{self.name}.{dotted}")

    def ready(self):
        super().ready()
        from . import ledger, slots

        for kind in self.ledger_kinds:
            ledger.register_kind(
                self.get_model(kind.model), kind.kind, kind.label, self._attribute(kind.build_entry)
            )
        for block in self.home_blocks:
            slots.register_block(
                self.label,
                block.slot,
                block.name,
                block.template,
                self._attribute(block.get_context),
                order=block.order,
            )

    def demo_content(self, unit, author) -> int:
        return self._attribute("demo.fill")(unit, author)

    def on_enable(self, unit):
        """Publish `top_page` the first time; later activations reuse the page kept."""
        if self.top_page is None:
            return
        from .pages import publish_under_home

        model = self.get_model(self.top_page.model)
        if not model.objects.exists():
            publish_under_home(
                model(title=self.top_page.title, slug=self.top_page.slug, show_in_menus=True)
            )
