"""Proposals up and directives down: the rules, checked here whatever screen calls them.

Every function acts for the unit whose schema is active (`acting`), checks
that the user edits for it, writes public-schema rows only, and leaves an
audit-log entry in the acting unit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts import access
from portal.publications.models import Publication, PublicationStatus
from portal.tenancy.models import Unit

from . import audit
from .models import Appearance, Directive, Proposal, ProposalStatus


class SyndicationError(Exception):
    """A refused action; the message is for the editor."""


def _check_editor(acting: Unit, user) -> None:
    if not access.SYNDICATE.held_by(user, acting):
        raise SyndicationError(_("Chỉ biên tập viên của đơn vị mới được thực hiện thao tác này."))


def _check_live(publication: Publication) -> None:
    if publication.status != PublicationStatus.LIVE:
        raise SyndicationError(_("Bài gốc không còn được xuất bản."))


def own_publications(unit: Unit):
    """The live ledger rows `unit` may propose or send down, newest first."""
    return Publication.objects.filter(unit=unit, status=PublicationStatus.LIVE).order_by(
        "-published_at", "-pk"
    )


def units_below(unit: Unit):
    return Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth, status="active")


def propose(acting: Unit, user, publication: Publication, note: str = "") -> Proposal:
    """Offer `publication` (a row of `acting`) to `acting`'s parent unit."""
    _check_editor(acting, user)
    if publication.unit_id != acting.pk:
        raise SyndicationError(_("Chỉ được đề xuất tin của chính đơn vị mình."))
    _check_live(publication)
    parent = acting.get_parent()
    if parent is None:
        raise SyndicationError(_("Đơn vị này không có đơn vị cấp trên."))
    already = Proposal.objects.filter(
        publication=publication,
        to_unit=parent,
        status__in=[ProposalStatus.PENDING, ProposalStatus.ACCEPTED],
    )
    if already.exists():
        raise SyndicationError(_("Tin này đã được đề xuất lên cấp trên."))
    proposal = Proposal.objects.create(
        publication=publication, from_unit=acting, to_unit=parent, note=note, proposed_by=user
    )
    audit.record(proposal, "portal_syndication.propose", user, to_unit=parent.code)
    return proposal


def _pending_for(acting: Unit, proposal: Proposal) -> Proposal:
    if proposal.to_unit_id != acting.pk:
        raise SyndicationError(_("Đề xuất này không gửi tới đơn vị của bạn."))
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PENDING:
        raise SyndicationError(_("Đề xuất này đã được xử lý."))
    return locked


@transaction.atomic
def accept(acting: Unit, user, proposal: Proposal, section_slug: str) -> Appearance:
    """Show the proposed item in `section_slug` of `acting`'s portal, credited to its unit."""
    _check_editor(acting, user)
    proposal = _pending_for(acting, proposal)
    _check_live(proposal.publication)
    if not section_slug:
        raise SyndicationError(_("Hãy chọn chuyên mục đăng tin."))
    proposal.status = ProposalStatus.ACCEPTED
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    proposal.save()
    appearance = Appearance.objects.create(
        publication=proposal.publication, unit=acting, section_slug=section_slug, proposal=proposal
    )
    audit.record(proposal, "portal_syndication.accept", user, section=section_slug)
    return appearance


@transaction.atomic
def decline(acting: Unit, user, proposal: Proposal, reason: str) -> Proposal:
    """Refuse the proposal; the proposing unit sees `reason`."""
    _check_editor(acting, user)
    reason = reason.strip()
    if not reason:
        raise SyndicationError(_("Hãy ghi lý do từ chối để đơn vị đề xuất được biết."))
    proposal = _pending_for(acting, proposal)
    proposal.status = ProposalStatus.DECLINED
    proposal.decline_reason = reason
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    proposal.save()
    audit.record(proposal, "portal_syndication.decline", user, reason=reason)
    return proposal


@transaction.atomic
def send_directive(
    acting: Unit,
    user,
    publication: Publication,
    section_slug: str,
    targets: list[Unit] | None = None,
    mandatory: bool = False,
    note: str = "",
) -> Directive:
    """Show `publication` in `section_slug` of the portals below `acting` (all, or `targets`)."""
    _check_editor(acting, user)
    if publication.unit_id != acting.pk:
        raise SyndicationError(_("Chỉ được gửi tin của chính đơn vị mình."))
    _check_live(publication)
    below = units_below(acting)
    if targets:
        allowed = set(below.values_list("pk", flat=True))
        if any(target.pk not in allowed for target in targets):
            raise SyndicationError(_("Chỉ được gửi tới các đơn vị cấp dưới của mình."))
    else:
        targets = list(below)
    if not targets:
        raise SyndicationError(_("Đơn vị này không có đơn vị cấp dưới."))
    directive = Directive.objects.create(
        publication=publication,
        from_unit=acting,
        section_slug=section_slug,
        mandatory=mandatory,
        note=note,
        sent_by=user,
    )
    # One save each, not bulk_create: post_save retires each target's cached pages.
    for target in targets:
        Appearance.objects.create(
            publication=publication, unit=target, section_slug=section_slug, directive=directive
        )
    audit.record(
        directive,
        "portal_syndication.send_directive",
        user,
        targets=[target.code for target in targets],
        mandatory=mandatory,
    )
    return directive


def _own_received(acting: Unit, appearance: Appearance) -> Appearance:
    if appearance.unit_id != acting.pk:
        raise SyndicationError(_("Tin này không hiển thị trên cổng của đơn vị bạn."))
    return appearance


def hide(acting: Unit, user, appearance: Appearance, reason: str) -> Appearance:
    """Stop showing a received item; refused for a mandatory directive."""
    _check_editor(acting, user)
    appearance = _own_received(acting, appearance)
    if appearance.mandatory:
        raise SyndicationError(_("Đây là tin chỉ đạo bắt buộc đăng: không được ẩn."))
    reason = reason.strip()
    if not reason:
        raise SyndicationError(_("Hãy ghi lý do ẩn tin."))
    appearance.hidden, appearance.hidden_reason = True, reason
    appearance.save(update_fields=["hidden", "hidden_reason"])
    audit.record(appearance, "portal_syndication.hide", user, reason=reason)
    return appearance


def show(acting: Unit, user, appearance: Appearance) -> Appearance:
    _check_editor(acting, user)
    appearance = _own_received(acting, appearance)
    appearance.hidden, appearance.hidden_reason = False, ""
    appearance.save(update_fields=["hidden", "hidden_reason"])
    audit.record(appearance, "portal_syndication.show", user)
    return appearance
