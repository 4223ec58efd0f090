"""Syndication rows, all in the public schema next to the ledger they point at.

- LedgerMark: a change counter per scope (the network, or a unit and its
  subtree); cached aggregations and feeds are keyed by it.
- Proposal: a unit offers one of its ledger rows to its parent unit.
- Directive: a unit sends one of its ledger rows down to units below it.
- Appearance: a ledger row shown in a section of another unit's portal, from an
  accepted proposal or a directive. It points at the row, never copies it, so
  edits and takedowns of the original show everywhere at once.
- FeedSubscription and ExternalItem: external RSS/Atom feeds a section shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.publications.models import Publication
from portal.tenancy.models import Unit


class LedgerMark(models.Model):
    """How many times the ledger rows of a scope changed, and when last."""

    wagtail_reference_index_ignore = True

    scope = models.CharField(_("phạm vi"), max_length=300, primary_key=True)
    counter = models.PositiveBigIntegerField(_("số lần thay đổi"), default=0)
    changed_at = models.DateTimeField(_("thay đổi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("dấu thay đổi sổ xuất bản")
        verbose_name_plural = _("dấu thay đổi sổ xuất bản")

    def __str__(self) -> str:
        return f"{self.scope}: {self.counter}"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xem xét")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    DECLINED = "declined", _("Đã từ chối")


class Proposal(models.Model):
    """A unit's published item offered to its parent unit's portal."""

    wagtail_reference_index_ignore = True

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("bài gốc")
    )
    from_unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="proposals_sent",
        verbose_name=_("đơn vị đề xuất"),
    )
    to_unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="proposals_received",
        verbose_name=_("đơn vị nhận"),
    )
    note = models.TextField(
        _("lời nhắn"), blank=True, help_text=_("Gửi kèm cho biên tập viên cấp trên.")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    decline_reason = models.TextField(_("lý do từ chối"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người đề xuất"),
    )
    proposed_at = models.DateTimeField(_("đề xuất lúc"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    decided_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề xuất đăng tin")
        verbose_name_plural = _("đề xuất đăng tin")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "to_unit"],
                condition=models.Q(status="pending"),
                name="proposal_one_pending_per_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit}: {self.publication.title}"


class Directive(models.Model):
    """A unit's published item sent down to the units below it (all or chosen ones)."""

    wagtail_reference_index_ignore = True

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="directives", verbose_name=_("bài gốc")
    )
    from_unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="directives_sent", verbose_name=_("đơn vị gửi")
    )
    section_slug = models.SlugField(
        _("chuyên mục đăng"),
        max_length=255,
        help_text=_("Đường dẫn (slug) của chuyên mục trên cổng của đơn vị nhận."),
    )
    mandatory = models.BooleanField(
        _("bắt buộc đăng"), default=False, help_text=_("Đơn vị nhận không được ẩn tin này.")
    )
    note = models.TextField(_("lời nhắn"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("chỉ đạo xuống cơ sở")
        verbose_name_plural = _("chỉ đạo xuống cơ sở")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_unit}: {self.publication.title}"


class AppearanceQuerySet(models.QuerySet):
    def shown_in(self, unit: Unit, section_slug: str | None = None) -> AppearanceQuerySet:
        """What `unit`'s portal shows: not hidden, the original still live."""
        shown = self.filter(
            unit=unit, hidden=False, publication__status="live", publication__unit__status="active"
        )
        if section_slug is not None:
            shown = shown.filter(section_slug=section_slug)
        return shown.select_related("publication", "publication__unit").order_by(
            "-publication__published_at", "-pk"
        )


class Appearance(models.Model):
    """Another unit's ledger row shown in a section of `unit`'s portal."""

    wagtail_reference_index_ignore = True

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("bài gốc")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="appearances",
        verbose_name=_("đơn vị hiển thị"),
    )
    section_slug = models.SlugField(_("chuyên mục"), max_length=255)
    proposal = models.OneToOneField(
        Proposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appearance",
        verbose_name=_("đề xuất"),
    )
    directive = models.ForeignKey(
        Directive,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appearances",
        verbose_name=_("chỉ đạo"),
    )
    hidden = models.BooleanField(_("đã ẩn"), default=False)
    hidden_reason = models.TextField(_("lý do ẩn"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    objects = AppearanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin liên thông")
        verbose_name_plural = _("tin liên thông")
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "unit"], name="appearance_once_per_directive"
            ),
        ]
        indexes = [models.Index(fields=["unit", "section_slug"], name="appearance_unit_section")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.publication.title}"

    @property
    def mandatory(self) -> bool:
        return self.directive_id is not None and self.directive.mandatory

    @property
    def is_shown(self) -> bool:
        return not self.hidden and self.publication.status == "live"


class FeedSubscription(models.Model):
    """An external RSS/Atom feed shown in one section of a unit's portal."""

    wagtail_reference_index_ignore = True

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="feed_subscriptions", verbose_name=_("đơn vị")
    )
    section_id = models.PositiveBigIntegerField(_("mã chuyên mục"))
    section_title = models.CharField(_("chuyên mục"), max_length=255)
    name = models.CharField(
        _("tên nguồn"), max_length=200, help_text=_("Hiển thị làm nguồn tin, ví dụ: Báo Nhân Dân.")
    )
    url = models.URLField(
        _("địa chỉ nguồn tin"), max_length=1000, help_text=_("Địa chỉ RSS hoặc Atom.")
    )
    enabled = models.BooleanField(_("đang dùng"), default=True)
    max_items = models.PositiveSmallIntegerField(
        _("số tin hiển thị"), default=5, help_text=_("Từ 1 đến 20.")
    )
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_checked_at = models.DateTimeField(_("kiểm tra lần cuối"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("lấy được lần cuối"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    failures = models.PositiveIntegerField(_("số lần lỗi liên tiếp"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("nguồn tin ngoài")
        verbose_name_plural = _("nguồn tin ngoài")
        ordering = ["section_title", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "section_id", "url"], name="subscription_once_per_section"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_problem(self) -> bool:
        return bool(self.last_error)


class ExternalItem(models.Model):
    """One entry of an external feed: a credited link, its text already sanitised."""

    wagtail_reference_index_ignore = True

    subscription = models.ForeignKey(
        FeedSubscription,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("nguồn tin"),
    )
    guid_hash = models.CharField(max_length=64)
    title = models.CharField(_("tiêu đề"), max_length=500)
    link = models.URLField(_("liên kết"), max_length=2000)
    summary = models.TextField(_("tóm tắt"), blank=True, help_text=_("HTML đã làm sạch."))
    published_at = models.DateTimeField(_("ngày đăng"))
    fetched_at = models.DateTimeField(_("lấy về lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("tin từ nguồn ngoài")
        verbose_name_plural = _("tin từ nguồn ngoài")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "guid_hash"], name="external_item_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title
