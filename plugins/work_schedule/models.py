"""The work schedule: leaders, weeks (drafts until published), items, and the public page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from portal.extensions.pages import PluginPage

from . import calendar_feed
from .schedule import day_label
from .weeks import FIRST_YEAR, LAST_YEAR, Week


class Leader(models.Model):
    """A member of the standing committee, named the same way in every item."""

    name = models.CharField(_("họ và tên"), max_length=120, help_text=_("Ví dụ: Nguyễn Văn An."))
    title = models.CharField(
        _("chức vụ"), max_length=200, help_text=_("Ví dụ: Bí thư Huyện ủy, Chủ tịch UBND huyện.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Thứ tự trong danh sách lãnh đạo (nhỏ trước).")
    )
    active = models.BooleanField(
        _("đang công tác"), default=True, help_text=_("Bỏ chọn khi lãnh đạo thôi giữ chức vụ.")
    )

    class Meta:
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return f"{self.name}, {self.title}"


class ScheduleWeek(models.Model):
    """One ISO week of the schedule: a draft until the office publishes it."""

    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("Năm theo lịch tuần ISO."),
    )
    number = models.PositiveSmallIntegerField(
        _("tuần"),
        validators=[MinValueValidator(1), MaxValueValidator(53)],
        help_text=_("Số tuần trong năm (1-53)."),
    )
    note = models.TextField(
        _("ghi chú"),
        blank=True,
        help_text=_("Hiện đầu lịch tuần, ví dụ: Lịch có thể thay đổi, đề nghị theo dõi."),
    )
    published = models.BooleanField(
        _("công bố"),
        default=False,
        help_text=_("Chỉ lịch đã công bố mới hiện trên cổng và trong lịch đồng bộ."),
    )
    first_published_at = models.DateTimeField(_("công bố lần đầu"), null=True, editable=False)

    class Meta:
        verbose_name = _("lịch tuần")
        verbose_name_plural = _("lịch tuần")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="work_schedule_one_row_a_week")
        ]

    def __str__(self):
        week = Week.parse(f"{self.year or 0:04d}-w{self.number or 0:02d}")
        if week is None:  # a bound form's values, not yet valid
            return _("Tuần %(number)s/%(year)s") % {"number": self.number, "year": self.year}
        return _("Tuần %(number)d/%(year)d (%(start)s – %(end)s)") % {
            "number": self.number,
            "year": self.year,
            "start": week.monday.strftime("%d/%m"),
            "end": week.sunday.strftime("%d/%m/%Y"),
        }

    def save(self, *args, **kwargs):
        if self.published and self.first_published_at is None:
            self.first_published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def week(self) -> Week:
        return Week(self.year, self.number)

    @property
    def was_published(self) -> bool:
        """Shown once to visitors and calendars: its items are postponed, never deleted."""
        return self.first_published_at is not None

    def clean(self):
        if self.year is None or self.number is None:
            return  # the form reports the missing field
        if Week.parse(f"{self.year:04d}-w{self.number:02d}") is None:
            raise ValidationError({"number": _("Năm hoặc số tuần không hợp lệ.")})
        if self.pk:
            stored = ScheduleWeek.objects.filter(pk=self.pk).values("year", "number").first()
            moved = stored and (stored["year"], stored["number"]) != (self.year, self.number)
            if moved and self.items.exists():
                raise ValidationError(
                    {"number": _("Tuần đã có mục lịch: không đổi được năm và số tuần.")}
                )


class ScheduleItemQuerySet(models.QuerySet):
    def public(self):
        """Items of published weeks: what visitors and feeds see."""
        return self.filter(week__published=True)

    def in_order(self):
        return (
            self.select_related("week").prefetch_related("leaders").order_by("date", "start", "pk")
        )


class ScheduleItem(models.Model):
    """One engagement: when, which leaders, what, where, who attends, who prepares.

    Once its week is published, every change is recorded (`changes.record`): the
    item shows "Thay đổi" with what changed, or "Hoãn", and its calendar SEQUENCE
    goes up so calendar apps replace their copy.
    """

    week = models.ForeignKey(
        ScheduleWeek, on_delete=models.CASCADE, related_name="items", editable=False
    )
    date = models.DateField(_("ngày"), help_text=_("Ngày diễn ra; lịch tuần được xếp theo ngày."))
    start = models.TimeField(_("giờ bắt đầu"), help_text=_("Ví dụ: 07:30."))
    end = models.TimeField(
        _("giờ kết thúc"), null=True, blank=True, help_text=_("Để trống nếu chưa rõ.")
    )
    leaders = models.ManyToManyField(
        Leader,
        related_name="items",
        verbose_name=_("lãnh đạo"),
        help_text=_("Lãnh đạo chủ trì hoặc dự (chọn trong danh sách lãnh đạo của đơn vị)."),
    )
    title = models.CharField(_("nội dung"), max_length=500, help_text=_("Nội dung công việc."))
    location = models.CharField(
        _("địa điểm"), max_length=300, blank=True, help_text=_("Ví dụ: Phòng họp số 1.")
    )
    attendees = models.CharField(
        _("thành phần"), max_length=500, blank=True, help_text=_("Thành phần cùng dự.")
    )
    preparer = models.CharField(
        _("chuẩn bị"), max_length=300, blank=True, help_text=_("Cơ quan, bộ phận chuẩn bị.")
    )
    postponed = models.BooleanField(
        _("hoãn"), default=False, help_text=_("Đánh dấu khi hoạt động bị hoãn hoặc hủy.")
    )
    postponed_reason = models.CharField(
        _("lý do hoãn"), max_length=300, blank=True, help_text=_("Hiện bên cạnh chữ “Hoãn”.")
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    change_note = models.TextField(_("thay đổi"), blank=True, editable=False)
    changed_at = models.DateTimeField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScheduleItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục lịch công tác")
        verbose_name_plural = _("mục lịch công tác")
        ordering = ["-date", "start"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.start:%H:%M} {self.title}"

    def save(self, *args, **kwargs):
        week = Week.of(self.date)
        if self.week_id is None or self.week.week != week:
            self.week, _created = ScheduleWeek.objects.get_or_create(
                year=week.year, number=week.number
            )
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.date and not FIRST_YEAR <= self.date.year <= LAST_YEAR:
            errors["date"] = _("Ngày phải trong khoảng năm 2000 đến 2100.")
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Giờ kết thúc phải sau giờ bắt đầu.")
        if self.postponed_reason and not self.postponed:
            errors["postponed"] = _("Có lý do hoãn thì đánh dấu “Hoãn”.")
        if errors:
            raise ValidationError(errors)

    @property
    def changed(self) -> bool:
        return self.changed_at is not None

    @property
    def was_published(self) -> bool:
        """Its week was published: it is postponed ("Hoãn"), never deleted."""
        return self.week.was_published

    @property
    def time_label(self) -> str:
        label = f"{self.start:%H:%M}"
        return f"{label} – {self.end:%H:%M}" if self.end else label


class WorkSchedulePage(PluginPage, RoutablePageMixin, Page):
    """The unit's schedule page (/lich-cong-tac/): the published week, day by day, with
    previous and next weeks, a print view, and iCalendar feeds of the unit and per leader."""

    intro = models.TextField(
        _("giới thiệu"), blank=True, help_text=_("Một đoạn ngắn ở đầu trang lịch công tác.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal_sites.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("trang lịch công tác")
        verbose_name_plural = _("trang lịch công tác")

    @staticmethod
    def chosen_leader(request) -> Leader | None:
        """The leader `?lanh-dao=<id>` names; 404 for anything that is not one."""
        value = request.GET.get("lanh-dao")
        if not value:  # absent, or "all leaders" in the page's form
            return None
        if not value.isdigit() or len(value) > 9:
            raise Http404
        leader = Leader.objects.filter(pk=int(value)).first()
        if leader is None:
            raise Http404
        return leader

    @path("")
    def this_week(self, request):
        return self.week_view(request, Week.current())

    @path("ical/")  # before the weeks: "ical" is no week
    def calendar(self, request):
        """The iCalendar feed of the unit, or of one leader with `?lanh-dao=<id>`."""
        leader = self.chosen_leader(request)
        since = Week.current().shifted(-calendar_feed.WEEKS_BACK).monday
        items = ScheduleItem.objects.public().filter(date__gte=since).in_order()
        if leader is not None:
            items = items.filter(leaders=leader)
        body = calendar_feed.feed_for(request, items, leader, self.url)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @re_path(r"^(?P<slug>[^/]+)/$")
    def any_week(self, request, slug):
        week = Week.parse(slug)
        if week is None:
            raise Http404
        return self.week_view(request, week)

    def week_view(self, request, week: Week) -> TemplateResponse:
        context = self.get_context(request)
        context.update(self.week_context(week, self.chosen_leader(request)))
        return TemplateResponse(request, self.get_template(request), context)

    def week_context(self, week: Week, leader: Leader | None) -> dict:
        """The week's published items by day, its note, and the neighbouring weeks."""
        row = ScheduleWeek.objects.filter(
            year=week.year, number=week.number, published=True
        ).first()
        items = ScheduleItem.objects.public().filter(week=row).in_order() if row else []
        if row and leader is not None:
            items = items.filter(leaders=leader)
        by_day = {day: [] for day in week.days}
        for item in items:
            by_day[item.date].append(item)
        today = timezone.localdate()
        return {
            "week": week,
            "week_row": row,
            "leader": leader,
            "leaders": Leader.objects.filter(active=True),
            "days": [
                {"date": day, "label": day_label(day), "items": found, "today": day == today}
                for day, found in by_day.items()
            ],
            "previous_week": week.shifted(-1),
            "next_week": week.shifted(1),
            "is_current_week": week == Week.current(),
            "page_url": self.url,
        }
