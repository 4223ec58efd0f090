"""Publishing targets the provincial office sets for each unit (public schema)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.tenancy.models import Unit


class EditorialTarget(models.Model):
    """How many items of one kind a unit should publish each week (e.g. 5 articles)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="editorial_targets", verbose_name=_("đơn vị")
    )
    kind = models.SlugField(
        _("loại nội dung"), max_length=40, help_text=_("Loại trong sổ xuất bản, ví dụ: article.")
    )
    per_week = models.PositiveIntegerField(
        _("số lượng mỗi tuần"),
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Số mục cần xuất bản mỗi tuần."),
    )

    class Meta:
        verbose_name = _("chỉ tiêu xuất bản")
        verbose_name_plural = _("chỉ tiêu xuất bản")
        ordering = ["unit__code", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="editorial_target_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.kind}: {self.per_week}/tuần"
