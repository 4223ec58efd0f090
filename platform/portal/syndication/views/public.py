"""The page of an item another unit's portal shows here (accepted proposal or directive)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from portal.tenancy.models import Unit

from ..models import Appearance


def appearance_view(request, pk: int):
    unit = getattr(request, "tenant", None)
    if not isinstance(unit, Unit):
        raise Http404
    appearance = Appearance.objects.shown_in(unit).filter(pk=pk).first()
    if appearance is None:
        raise Http404
    paragraphs = [part for part in appearance.publication.body_text.split("\n") if part.strip()]
    return render(
        request,
        "portal_syndication/appearance.html",
        {"appearance": appearance, "item": appearance.publication, "paragraphs": paragraphs},
    )
