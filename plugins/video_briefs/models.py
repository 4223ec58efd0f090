"""Page types of the monthly video briefs: the archive and the brief itself."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from portal.extensions.pages import PluginPage

from . import captions
from .forms import VideoBriefForm


def _this_year() -> int:
    return datetime.date.today().year


def _this_month() -> int:
    return datetime.date.today().month


class VideoArchivePage(PluginPage, Page):
    """The unit's video page: its briefs month by month, and, on a province or district
    portal, the latest briefs of the units below it (read from the network ledger)."""

    intro = models.TextField(
        _("giới thiệu"), blank=True, help_text=_("Một đoạn ngắn ở đầu trang điểm tin video.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal_sites.HomePage"]
    subpage_types = ["plugin_video_briefs.VideoBriefPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang điểm tin video")
        verbose_name_plural = _("trang điểm tin video")

    def get_context(self, request, *args, **kwargs):
        from .network import briefs_below

        context = super().get_context(request, *args, **kwargs)
        briefs = VideoBriefPage.objects.child_of(self).live().public().select_related("poster")
        years = sorted(set(briefs.values_list("year", flat=True)), reverse=True)
        year = request.GET.get("nam")
        if year and year.isdigit() and int(year) in years:
            briefs = briefs.filter(year=int(year))
            context["selected_year"] = int(year)
        briefs = briefs.order_by("-year", "-month", "-issue_number")
        context["briefs"] = Paginator(briefs, 24).get_page(request.GET.get("page"))
        context["years"] = years
        context["network_briefs"] = briefs_below(getattr(request, "tenant", None))
        return context


class VideoBriefPage(PluginPage, RoutablePageMixin, Page):
    """One monthly brief: an uploaded or embedded video, its poster, duration, WebVTT
    captions (also shown as a transcript and sent to search), month and issue number."""

    year = models.PositiveSmallIntegerField(
        _("năm"),
        default=_this_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Năm của bản tin."),
    )
    month = models.PositiveSmallIntegerField(
        _("tháng"),
        default=_this_month,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Tháng của bản tin (1-12)."),
    )
    issue_number = models.PositiveSmallIntegerField(
        _("số"),
        validators=[MinValueValidator(1)],
        help_text=_("Số thứ tự của bản tin trong năm; không trùng trong cùng một năm."),
    )
    summary = models.TextField(
        _("tóm tắt"), blank=True, help_text=_("Các tin chính của bản tin, vài dòng.")
    )
    video = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tệp video"),
        help_text=_("Video tải lên thư viện đa phương tiện (MP4 hoặc WebM)."),
    )
    embed_url = models.URLField(
        _("địa chỉ video nhúng"),
        blank=True,
        help_text=_("Hoặc địa chỉ video trên trang của đài (YouTube, ...), nếu không tải tệp lên."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh bìa"),
        help_text=_("Để trống: lấy một khung hình từ video tải lên (khi máy chủ có ffmpeg)."),
    )
    duration = models.PositiveIntegerField(
        _("thời lượng (giây)"),
        null=True,
        blank=True,
        help_text=_("Để trống: đọc từ tệp video tải lên (khi máy chủ có ffmpeg)."),
    )
    captions = models.TextField(
        _("phụ đề WebVTT"),
        blank=True,
        help_text=_(
            "Nội dung tệp .vtt (hoặc tải tệp lên ở ô bên dưới); hiện thành lời thoại "
            "và được tìm kiếm."
        ),
    )
    producer = models.CharField(
        _("đơn vị thực hiện"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Đài Phát thanh - Truyền hình tỉnh."),
    )

    base_form_class = VideoBriefForm
    content_panels = Page.content_panels + [
        FieldRowPanel(
            [FieldPanel("issue_number"), FieldPanel("month"), FieldPanel("year")],
            heading=_("Số và tháng"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("video"),
                FieldPanel("embed_url"),
                FieldPanel("poster"),
                FieldPanel("duration"),
            ],
            heading=_("Video"),
        ),
        MultiFieldPanel([FieldPanel("captions")], heading=_("Phụ đề, lời thoại")),
        FieldPanel("producer"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("captions"),
        index.FilterField("year"),
    ]
    parent_page_types = ["plugin_video_briefs.VideoArchivePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("điểm tin video")
        verbose_name_plural = _("điểm tin video")
        ordering = ["-year", "-month", "-issue_number"]

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.video_id) == bool(self.embed_url):
            errors["video"] = _(
                "Chọn một video tải lên hoặc nhập địa chỉ video nhúng (một trong hai)."
            )
        if self.embed_url and not self.embed_url.startswith("https://"):
            errors["embed_url"] = _("Địa chỉ video nhúng phải bắt đầu bằng https://.")
        if self.captions.strip():
            try:
                captions.parse(self.captions)
            except ValidationError as error:
                errors["captions"] = error.messages
        siblings = VideoBriefPage.objects.filter(year=self.year, issue_number=self.issue_number)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        if self.issue_number and siblings.exists():
            errors["issue_number"] = _("Năm %(year)d đã có bản tin số %(number)d.") % {
                "year": self.year,
                "number": self.issue_number,
            }
        if errors:
            raise ValidationError(errors)

    @property
    def period(self) -> str:
        return f"{self.month:02d}/{self.year}"

    @property
    def transcript(self) -> str:
        try:
            return captions.transcript(self.captions)
        except ValidationError:
            return ""

    def producer_label(self, request=None) -> str:
        """The brief's producer, or the unit's default one (settings)."""
        if self.producer:
            return self.producer
        return VideoBriefSettings.for_request(request).default_producer if request else ""

    @property
    def duration_label(self) -> str:
        if not self.duration:
            return ""
        minutes, seconds = divmod(self.duration, 60)
        return f"{minutes}:{seconds:02d}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producer"] = self.producer_label(request)
        return context

    @path("phu-de/")
    def captions_file(self, request):
        """The captions as a WebVTT file, for the <track> of the video player."""
        if not self.captions.strip():
            return HttpResponse(status=404)
        response = HttpResponse(self.captions, content_type="text/vtt; charset=utf-8")
        response["X-Content-Type-Options"] = "nosniff"
        return response


@register_setting(icon="media")
class VideoBriefSettings(BaseSiteSetting):
    """The unit's video brief options (Cài đặt › Điểm tin video), only where the module is on."""

    default_producer = models.CharField(
        _("đơn vị thực hiện mặc định"),
        max_length=200,
        blank=True,
        help_text=_(
            "Hiện ở bản tin không ghi đơn vị thực hiện, ví dụ: Đài Phát thanh - Truyền hình tỉnh."
        ),
    )
    show_on_home = models.BooleanField(
        _("hiện trên trang chủ"),
        default=True,
        help_text=_("Hiện bản tin mới nhất trên trang chủ."),
    )

    class Meta:
        verbose_name = _("Điểm tin video")
