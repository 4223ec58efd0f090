"""The ledger rows: one per published object of every unit, in the public schema.

A row is never removed when its page goes away: it turns "withdrawn" or
"deleted", so indexers and aggregators learn to drop it. Every write bumps
`version` and sets the outbox mark (`index_pending`, `changed_at`), which the
search indexer drains with `pending_for_indexing` and `mark_indexed`.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.tenancy.models import Unit


class PublicationStatus(models.TextChoices):
    LIVE = "live", _("Đang xuất bản")
    WITHDRAWN = "withdrawn", _("Đã gỡ xuống")
    DELETED = "deleted", _("Đã xóa")


class PublicationQuerySet(models.QuerySet):
    def pending_for_indexing(self, limit: int) -> list[Publication]:
        """Up to `limit` rows waiting for the indexer, oldest change first, locked.

        Call inside `transaction.atomic()`: the rows stay locked (FOR UPDATE
        SKIP LOCKED, so concurrent drainers get disjoint batches) until that
        transaction ends. Each row comes with its `unit`. Remember each row's
        `version` and hand it back to `mark_indexed`.
        """
        return list(
            self.filter(index_pending=True)
            .select_related("unit")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("changed_at", "pk")[:limit]
        )

    def mark_indexed(self, versions: Mapping[int, int]) -> int:
        """Clear the outbox mark of the rows indexed, given as {row id: version read}.

        A row whose version changed since it was read (its page was published,
        withdrawn or deleted meanwhile) keeps its mark, so the indexer sees it
        again. Returns the number of rows cleared.
        """
        if not versions:
            return 0
        read = Q()
        for pk, version in versions.items():
            read |= Q(pk=pk, version=version)
        return self.filter(read, index_pending=True).update(index_pending=False)


class Publication(models.Model):
    """One published object (a page) of one unit, as syndication and search see it."""

    # Public-schema models have no Wagtail reference index to write to.
    wagtail_reference_index_ignore = True

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="publications", verbose_name=_("đơn vị")
    )
    kind = models.SlugField(
        _("loại nội dung"), max_length=40, help_text=_("Ví dụ: article, document.")
    )
    object_id = models.PositiveBigIntegerField(
        _("mã đối tượng"), help_text=_("Mã của trang trong cổng thông tin của đơn vị.")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.LIVE,
    )
    url = models.URLField(_("địa chỉ"), max_length=1000)
    title = models.CharField(_("tiêu đề"), max_length=255)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body_text = models.TextField(_("nội dung dạng văn bản"), blank=True)

    section_id = models.PositiveBigIntegerField(_("mã chuyên mục"), null=True, blank=True)
    section_title = models.CharField(_("chuyên mục"), max_length=255, blank=True)
    section_url = models.URLField(_("địa chỉ chuyên mục"), max_length=1000, blank=True)

    doc_number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    doc_type = models.CharField(
        _("loại văn bản"), max_length=60, blank=True, help_text=_("Ví dụ: Báo cáo.")
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    issued = models.DateField(_("ngày ban hành"), null=True, blank=True)
    effective = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)

    image_url = models.URLField(_("địa chỉ ảnh"), max_length=1000, blank=True)
    attachments = models.JSONField(
        _("tệp đính kèm"),
        default=list,
        blank=True,
        help_text=_("Danh sách {title, filename, url} của các tệp."),
    )

    author = models.CharField(
        _("tác giả"), max_length=200, blank=True, help_text=_("Tác giả ghi trên bài, nếu có.")
    )
    contributor = models.CharField(
        _("người đóng góp"),
        max_length=150,
        blank=True,
        help_text=_("Tài khoản đã tạo trang (tên hiển thị)."),
    )
    image_count = models.PositiveIntegerField(
        _("số ảnh"), default=0, help_text=_("Ảnh đại diện và ảnh trong nội dung.")
    )
    video_count = models.PositiveIntegerField(
        _("số video"), default=0, help_text=_("Video nhúng trong nội dung.")
    )
    submitted_at = models.DateTimeField(
        _("gửi duyệt lúc"), null=True, blank=True, help_text=_("Khi trang được gửi duyệt lần cuối.")
    )
    approved_at = models.DateTimeField(
        _("duyệt lúc"), null=True, blank=True, help_text=_("Khi lần gửi duyệt đó được chấp thuận.")
    )

    # The digital signature of a document's file, as the signature check found it.
    signature_status = models.CharField(
        _("chữ ký số"),
        max_length=12,
        blank=True,
        # In the database too: rows written by SQL (the search corpus, tests) name no signature.
        db_default="",
        help_text=_("valid, tampered, untrusted; trống nếu tệp không có chữ ký."),
    )
    signature_signer = models.CharField(_("người ký số"), max_length=300, blank=True, db_default="")
    signature_signed_at = models.DateTimeField(_("ký số lúc"), null=True, blank=True)

    published_at = models.DateTimeField(_("xuất bản lần đầu"))
    updated_at = models.DateTimeField(_("cập nhật nội dung"))

    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    index_pending = models.BooleanField(_("chờ lập chỉ mục"), default=True)
    changed_at = models.DateTimeField(_("thay đổi lúc"), default=timezone.now)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục xuất bản")
        verbose_name_plural = _("sổ xuất bản")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "object_id"], name="publication_unique_object"
            ),
        ]
        indexes = [
            models.Index(
                fields=["unit", "status", "-published_at"], name="publication_unit_latest"
            ),
            models.Index(
                fields=["kind", "status", "-published_at"], name="publication_kind_latest"
            ),
            models.Index(fields=["doc_number"], name="publication_doc_number"),
            models.Index(fields=["unit", "section_id"], name="publication_section"),
            models.Index(
                fields=["changed_at"],
                condition=Q(index_pending=True),
                name="publication_outbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
