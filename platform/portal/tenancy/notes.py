"""Notes other apps attach to units (e.g. "merged into X"), for the console and `units --json`.

A provider takes a list of units and returns {unit pk: {key: JSON value}};
each note's value is also shown as text in the console's list.
"""

from __future__ import annotations

_providers = []


def register(provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def notes_for(units) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for provider in _providers:
        for pk, notes in provider(units).items():
            found.setdefault(pk, {}).update(notes)
    return found
