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


def received(unit, appearance_id: int, page_model) -> Received:
    """The consultation (a `page_model`) `appearance_id` shows in `unit`; else 404."""
    appearance = (
        Appearance.objects.shown_in(unit).filter(pk=appearance_id, publication__kind=KIND).first()
        if isinstance(unit, Unit)
        else None
    )
    if appearance is None:
        raise Http404
    owner = appearance.publication.unit
    if not activation.is_active(PLUGIN, owner):
        raise Http404
    with schema_context(owner.schema_name):
        consultation = (
            page_model.objects.live().public().filter(pk=appearance.publication.object_id).first()
        )
        if consultation is None:
            raise Http404
        sections = list(consultation.sections.all())
        drafts = list(consultation.drafts.select_related("document"))
    return Received(appearance, owner, consultation, sections, drafts)


def open_received(unit, page_model, now, limit: int = 3) -> list[Received]:
    """The consultations of units above shown in `unit` that take comments at `now`."""
    found = []
    for appearance in received_here(unit):
        try:
            item = received(unit, appearance.pk, page_model)
        except Http404:
            continue
        if item.consultation.state(now) == "open":
            found.append(item)
        if len(found) == limit:
            break
    return found
