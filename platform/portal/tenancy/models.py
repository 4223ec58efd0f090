"""The network's units: each unit is a tenant with its own PostgreSQL schema."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin
from treebeard.mp_tree import MP_Node

UNIT_CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$",
    _("Mã đơn vị chỉ gồm chữ cái không dấu, chữ số, '-' hoặc '_' (tối đa 40 ký tự)."),
)


class Level(models.Model):
    """A level of the administrative hierarchy (province, district, commune, agency).

    Levels are data: the two-level structure since 2025 (province -> commune)
    and the older three-level one (province -> district -> commune) are both
    expressed by `allowed_parents`, not by code.
    """

    # Public-schema models have no Wagtail reference index to write to.
    wagtail_reference_index_ignore = True

    code = models.SlugField(_("mã cấp"), max_length=20, unique=True)
    name = models.CharField(_("tên cấp"), max_length=60)
    rank = models.PositiveSmallIntegerField(
        _("thứ tự"), help_text=_("Thứ tự hiển thị: cấp cao hơn có số nhỏ hơn.")
    )
    may_be_root = models.BooleanField(
        _("có thể là đơn vị gốc"),
        default=False,
        help_text=_("Đơn vị ở cấp này có thể không có đơn vị cấp trên."),
    )
    allowed_parents = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="allowed_children",
        verbose_name=_("cấp trên được phép"),
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = _("cấp đơn vị")
        verbose_name_plural = _("cấp đơn vị")

    def __str__(self) -> str:
        return str(self.name)

    def accepts_parent(self, parent: Unit | None) -> bool:
        if parent is None:
            return self.may_be_root
        return self.allowed_parents.filter(pk=parent.level_id).exists()


class UnitStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    ARCHIVED = "archived", _("Đã lưu trữ")


class Unit(TenantMixin, MP_Node):
    """A portal of the network: a province, district, commune or agency.

    Its content lives in its own schema (`schema_name`), cloned from the
    template schema at provisioning. The tree (treebeard) is the administrative
    hierarchy; moving a unit moves its whole subtree.
    """

    wagtail_reference_index_ignore = True

    name = models.CharField(_("tên đơn vị"), max_length=200, help_text=_("Ví dụ: Xã Tân Uyên."))
    code = models.CharField(
        _("mã đơn vị"),
        max_length=40,
        unique=True,
        validators=[UNIT_CODE_VALIDATOR],
        help_text=_("Mã hành chính chính thức hoặc mã do Văn phòng đặt; không đổi được."),
    )
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="units", verbose_name=_("cấp")
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=UnitStatus.choices, default=UnitStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    archived_at = models.DateTimeField(_("ngày lưu trữ"), null=True, blank=True)

    # Provisioning creates schemas by cloning the template, never on save.
    auto_create_schema = False
    auto_drop_schema = False
    node_order_by = None

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == UnitStatus.ACTIVE

    @property
    def parent(self) -> Unit | None:
        return self.get_parent()

    def primary_domain(self) -> str | None:
        domain = self.domains.filter(is_primary=True).first()
        return domain.domain if domain else None


class Domain(DomainMixin):
    """A host name that serves a unit's portal (e.g. `xa-tanuyen.laichau.gov.vn`)."""

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("tên miền")
        verbose_name_plural = _("tên miền")

    def __str__(self) -> str:
        return self.domain


class SpareSchema(models.Model):
    """A schema cloned from the template ahead of time, waiting to become a unit's.

    `fingerprint` names the template's migration state it was cloned from; a
    spare whose fingerprint no longer matches the template is never used.
    """

    name = models.CharField(_("lược đồ"), max_length=63, unique=True)
    fingerprint = models.CharField(_("trạng thái mẫu"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lược đồ dự phòng")
        verbose_name_plural = _("lược đồ dự phòng")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name
