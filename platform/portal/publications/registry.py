"""Which page types reach the ledger, under which kind, and how they are described.

Sites registers its articles and documents here from its AppConfig.ready();
plugins register their page types the same way. Nothing else decides what is
published to the network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.core.validators import validate_slug
from wagtail.models import Page

from .entries import LedgerEntry

EntryBuilder = Callable[[Page], LedgerEntry | None]


@dataclass(frozen=True)
class Kind:
    """A registered kind: its page model, slug (the rows' `kind`), label and entry builder."""

    model: type[Page]
    slug: str
    label: str
    build_entry: EntryBuilder


_by_model: dict[type[Page], Kind] = {}


def register(model_class: type[Page], kind: str, label: str, build_entry: EntryBuilder) -> Kind:
    """Publish pages of exactly `model_class` (not its subclasses) to the ledger as `kind`.

    `kind` is a slug unique across the network ("article", "document");
    `label` is what citizens see in facets ("Tin bài"). `build_entry(page)`
    receives a live, public, routable page of that class in its unit's schema
    and returns its LedgerEntry, or None to keep it out of the ledger (an
    existing row is then withdrawn). It must not write anything.

    Call from AppConfig.ready(). Returns the Kind. Registering a model again
    under the same kind replaces its label and builder; a model or kind already
    registered otherwise raises ImproperlyConfigured.
    """
    if not (isinstance(model_class, type) and issubclass(model_class, Page)):
        raise ImproperlyConfigured(f"{model_class!r} is not a Wagtail page type.")
    validate_slug(kind)
    existing = _by_model.get(model_class)
    if existing is not None and existing.slug != kind:
        raise ImproperlyConfigured(
            f"{model_class.__name__} is already published as {existing.slug!r}."
        )
    for other in _by_model.values():
        if other.slug == kind and other.model is not model_class:
            raise ImproperlyConfigured(f"Kind {kind!r} already belongs to {other.model.__name__}.")
    registered = Kind(model=model_class, slug=kind, label=label, build_entry=build_entry)
    _by_model[model_class] = registered
    return registered


def kind_for(model_class: type) -> Kind | None:
    """The kind registered for exactly `model_class`, or None if it never reaches the ledger."""
    return _by_model.get(model_class)


def kinds() -> list[Kind]:
    """Every registered kind, in registration order."""
    return list(_by_model.values())
