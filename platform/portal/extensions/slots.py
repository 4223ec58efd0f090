"""Home page blocks: panels that plugins put into named slots of the portal's templates.

Slots are places in a template that render `{% plugin_slot "name" %}`; the
home page has "home_main" (under the featured news) and "home_aside" (the
side column). Contract for a block:
- registered from the plugin's ready() with `register_block`;
- rendered only in units where its plugin is active, in `order` then
  registration order;
- `get_context(request, page)` runs in the unit's schema and returns the
  template's context, or None to show nothing (e.g. no brief yet); it should
  cost a small, fixed number of queries;
- its template renders one self-contained <section> with a heading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import activation

SLOTS = ("home_main", "home_aside")

ContextBuilder = Callable[[object, object], dict | None]


@dataclass(frozen=True)
class Block:
    plugin: str
    slot: str
    name: str
    template: str
    get_context: ContextBuilder
    order: int


_blocks: list[Block] = []


def register_block(
    plugin: str, slot: str, name: str, template: str, get_context: ContextBuilder, order: int = 100
) -> Block:
    """Add a block of `plugin` (its app label) to `slot`; `name` is unique within the plugin."""
    if slot not in SLOTS:
        raise ValueError(f"Unknown slot {slot!r}; slots are {', '.join(SLOTS)}.")
    block = Block(plugin, slot, name, template, get_context, order)
    _blocks[:] = [b for b in _blocks if (b.plugin, b.name) != (plugin, name)] + [block]
    return block


def blocks_for(slot: str) -> list[Block]:
    """The blocks of `slot` whose plugin is active in the current unit, in display order."""
    active = activation.active_labels()
    found = [b for b in _blocks if b.slot == slot and b.plugin in active]
    return sorted(found, key=lambda b: b.order)


def render_slot(slot: str, request, page) -> SafeString:
    """The HTML of every active block of `slot`, for `page` seen through `request`."""
    pieces = []
    for block in blocks_for(slot):
        context = block.get_context(request, page)
        if context is not None:
            pieces.append(render_to_string(block.template, {"page": page, **context}, request))
    return mark_safe("".join(pieces))
