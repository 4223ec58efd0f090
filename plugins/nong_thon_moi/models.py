"""A commune's progress against the national criteria, and the network overview."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from portal.extensions.pages import PluginPage

from .criteria import CRITERIA, TOTAL

RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def _current_level() -> str | None:
    level = getattr(getattr(connection, "tenant", None), "level", None)
    return getattr(level, "code", None)


class RuralProgressPage(PluginPage, Page):
    """A commune's new rural development page: its target, and for each of the 19
    national criteria whether it is met, since when, and what remains to do."""

    target = models.CharField(
        _("mục tiêu"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Đạt chuẩn nông thôn mới nâng cao năm 2026."),
    )
    recognised_year = models.PositiveSmallIntegerField(
        _("năm được công nhận đạt chuẩn"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu xã chưa được công nhận."),
    )
    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=RICH_TEXT,
        help_text=_("Kết quả nổi bật, cách làm hay."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("target"),
        FieldPanel("recognised_year"),
        FieldPanel("intro"),
        InlinePanel(
            "criteria", heading=_("Tiêu chí"), label=_("Tiêu chí"), min_num=0, max_num=TOTAL
        ),
    ]
    parent_page_types = ["portal_sites.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("tiến độ nông thôn mới của xã")
        verbose_name_plural = _("tiến độ nông thôn mới của xã")

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and _current_level() == "commune"

    def clean(self):
        super().clean()
        numbers = [row.number for row in self.criteria.all()]
        if len(numbers) != len(set(numbers)):
            raise ValidationError(_("Mỗi tiêu chí chỉ được nhập một lần."))

    def progress(self) -> tuple[int, int]:
        """(criteria met, total criteria)."""
        return sum(1 for row in self.criteria.all() if row.met), TOTAL

    def rows(self) -> list[dict]:
        """Every national criterion with this commune's status (unmet when not entered)."""
        entered = {row.number: row for row in self.criteria.all()}
        return [
            {"number": number, "name": name, "status": entered.get(number)}
            for number, name in CRITERIA
        ]


class CriterionStatus(Orderable):
    """Where a commune stands on one criterion."""

    page = ParentalKey(RuralProgressPage, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(
        _("tiêu chí"), choices=CRITERIA, help_text=_("Tiêu chí quốc gia (1-19).")
    )
    met = models.BooleanField(_("đã đạt"), default=False)
    met_year = models.PositiveSmallIntegerField(
        _("năm đạt"), null=True, blank=True, help_text=_("Năm xã đạt tiêu chí này.")
    )
    note = models.CharField(
        _("ghi chú"),
        max_length=300,
        blank=True,
        help_text=_("Việc còn phải làm, hoặc kết quả cụ thể."),
    )

    panels = [FieldPanel("number"), FieldPanel("met"), FieldPanel("met_year"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("tình trạng tiêu chí")


class RuralOverviewPage(PluginPage, Page):
    """The overview on a district or province portal: the national criteria and the
    progress of every commune below, read from the network ledger."""

    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=RICH_TEXT,
        help_text=_("Chủ trương, kế hoạch của địa phương."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal_sites.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("tổng quan nông thôn mới")
        verbose_name_plural = _("tổng quan nông thôn mới")

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and _current_level() in ("province", "district")

    def get_context(self, request, *args, **kwargs):
        from .network import overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = overview(getattr(request, "tenant", None))
        context["criteria"] = CRITERIA
        return context
