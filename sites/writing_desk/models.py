"""What a unit's editorial board decides for its writing desk: one row per unit schema."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from ..blocks import RICH_TEXT_FEATURES
from . import tone_marks


class ToneStyle(models.TextChoices):
    OLD = tone_marks.OLD, _("Kiểu cũ: hoà, khoẻ, thuỷ")
    NEW = tone_marks.NEW, _("Kiểu mới: hòa, khỏe, thủy")


def _length_field(label, default):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )


class DeskRules(models.Model):
    """The unit's writing rules and its contributors' handbook (the only row: `current()`)."""

    tone_style = models.CharField(
        _("kiểu đặt dấu thanh"),
        max_length=3,
        choices=ToneStyle.choices,
        default=ToneStyle.OLD,
        help_text=_("Bài viết theo kiểu kia sẽ được nhắc và sửa bằng một lần bấm."),
    )
    title_min = _length_field(_("tiêu đề: ít nhất (ký tự)"), 20)
    title_max = _length_field(_("tiêu đề: nhiều nhất (ký tự)"), 110)
    lead_min = _length_field(_("sapo: ít nhất (ký tự)"), 80)
    lead_max = _length_field(_("sapo: nhiều nhất (ký tự)"), 400)
    watch_words = models.TextField(
        _("từ cần tránh"),
        blank=True,
        help_text=_("Mỗi dòng một từ hoặc cụm từ; thêm “=> cách viết nên dùng” nếu có."),
    )
    accepted_words = models.TextField(
        _("từ được chấp nhận"),
        blank=True,
        help_text=_("Mỗi dòng một từ từ điển chưa có mà đơn vị vẫn dùng (tên riêng, từ mượn)."),
    )
    handbook = RichTextField(_("sổ tay cộng tác viên"), features=RICH_TEXT_FEATURES, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("quy định bàn viết")
        verbose_name_plural = _("quy định bàn viết")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> DeskRules:
        """The unit's row, or the defaults while the board has saved nothing."""
        return cls.objects.order_by("pk").first() or cls()

    def clean(self):
        errors = {}
        if self.title_min and self.title_max and self.title_min > self.title_max:
            errors["title_max"] = _("Mức tối đa phải lớn hơn hoặc bằng mức tối thiểu.")
        if self.lead_min and self.lead_max and self.lead_min > self.lead_max:
            errors["lead_max"] = _("Mức tối đa phải lớn hơn hoặc bằng mức tối thiểu.")
        if errors:
            raise ValidationError(errors)

    def watch_list(self) -> tuple[tuple[str, str], ...]:
        pairs = []
        for line in self.watch_words.splitlines():
            word, _arrow, instead = line.partition("=>")
            if word.strip():
                pairs.append((" ".join(word.split()), " ".join(instead.split())))
        return tuple(pairs)

    def accepted(self) -> frozenset[str]:
        return frozenset(w.strip().lower() for w in self.accepted_words.splitlines() if w.strip())
