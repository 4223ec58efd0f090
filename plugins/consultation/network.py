"""Consultations of the units above, sent down by a directive (portal.syndication).

A unit below shows such a consultation and takes comments for it, but owns neither:
the page, its sections and the comments stay in the schema of the unit that runs it,
so its editors moderate every comment in one queue, labelled with the portal it came
through. Each read and write here runs in that one schema; none spans two.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django_tenants.utils import schema_context

from portal.extensions import activation
from portal.syndication.models import Appearance
from portal.tenancy.models import Unit

KIND = "consultation"
PLUGIN = "plugin_consultation"


def received_here(unit) -> list[Appearance]:
    """The consultations of units above that `unit`'s portal shows (live, not hidden)."""
    if not isinstance(unit, Unit):
        return []
    return list(Appearance.objects.shown_in(unit).filter(publication__kind=KIND)[:20])


@dataclass
class Received:
    """A consultation of another unit as this portal shows it (read in the owner's schema)."""

    appearance: Appearance
    owner: Unit
    consultation: object
    sections: list
    drafts: list


def _shown(unit, appearance_id: int) -> Appearance | None:
    if not isinstance(unit, Unit):
        return None
    return (
        Appearance.objects.shown_in(unit).filter(pk=appearance_id, publication__kind=KIND).first()
    )


def _original(appearance: Appearance, page_model):
    """The live, public consultation `appearance` shows, read in its owner's schema; None
    where it is gone or the module is off in the owner."""
    owner = appearance.publication.unit
    if not activation.is_active(PLUGIN, owner):
        return None
    with schema_context(owner.schema_name):
        return (
            page_model.objects.live().public().filter(pk=appearance.publication.object_id).first()
        )


def received(unit, appearance_id: int, page_model) -> Received:
    """The consultation (a `page_model`) `appearance_id` shows in `unit`; else 404."""
    appearance = _shown(unit, appearance_id)
    consultation = _original(appearance, page_model) if appearance is not None else None
    if consultation is None:
        raise Http404
    owner = appearance.publication.unit
    with schema_context(owner.schema_name):
        sections = list(consultation.sections.all())
        drafts = list(consultation.drafts.select_related("document"))
    return Received(appearance, owner, consultation, sections, drafts)


def not_closed_received(unit, page_model, now) -> list[dict]:
    """The consultations of units above shown in `unit` that still close after `now`
    (appearance, title, opens_at, closes_at): one query in each owner's schema."""
    found = []
    for appearance in received_here(unit):
        consultation = _original(appearance, page_model)
        if consultation is not None and consultation.closes_at > now:
            found.append(
                {
                    "appearance": appearance.pk,
                    "title": consultation.title,
                    "opens_at": consultation.opens_at,
                    "closes_at": consultation.closes_at,
                }
            )
    return found
