"""Page types of consultations on drafts, and the comments citizens send.

A consultation's comments live in the schema of the unit that runs it, also those sent
through the portals below it (`network`): one moderation queue, each comment labelled
with the portal it came through.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.extensions.pages import PluginPage
from portal.feedback.models import new_tracking_code

from . import views
from .choices import MAX_COMMENT_LENGTH, CommentStatus

RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def new_comment_code() -> str:
    """A tracking code like feedback's, "YK-7K3M9-QXAP2": the sender's key to the answer."""
    return new_tracking_code("YK")


class ConsultationIndexPage(PluginPage, RoutablePageMixin, Page):
    """The unit's page "Góp ý dự thảo": its consultations, open first, and those the units
    above sent down to it (citizens comment on them here too)."""

    intro = RichTextField(
        _("giới thiệu"), blank=True, features=RICH_TEXT, help_text=_("Đoạn giới thiệu ở đầu trang.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal_sites.HomePage"]
    subpage_types = ["plugin_consultation.ConsultationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang góp ý dự thảo")
        verbose_name_plural = _("trang góp ý dự thảo")

    def get_context(self, request, *args, **kwargs):
        from .network import received_here

        context = super().get_context(request, *args, **kwargs)
        consultations = list(
            ConsultationPage.objects.child_of(self).live().public().order_by("-closes_at")
        )
        now = timezone.now()
        context["open_items"] = [c for c in consultations if c.state(now) == "open"]
        context["other_items"] = [c for c in consultations if c.state(now) != "open"]
        context["received"] = [
            (
                appearance,
                self.url + self.reverse_subpage("received_consultation", args=[appearance.pk]),
            )
            for appearance in received_here(getattr(request, "tenant", None))
        ]
        return context

    @path("cap-tren/<int:appearance_id>/")
    def received_consultation(self, request, appearance_id: int):
        """A consultation of a unit above, shown here by its directive; comments go to it."""
        return views.received_consultation(request, self, appearance_id, ConsultationPage)

    @path("cap-tren/<int:appearance_id>/tra-cuu/<str:code>/")
    def received_comment(self, request, appearance_id: int, code: str):
        return views.received_comment(request, self, appearance_id, code, ConsultationPage)


class ConsultationPage(PluginPage, RoutablePageMixin, Page):
    """One draft put to consultation: its files (readable on the page), the call for
    comments, the sections comments may target, and the period comments are accepted."""

    intro = RichTextField(
        _("nội dung đề nghị góp ý"),
        features=RICH_TEXT,
        help_text=_("Lời kêu gọi góp ý: dự thảo gì, ai được góp ý, góp ý về những nội dung nào."),
    )
    opens_at = models.DateTimeField(
        _("bắt đầu nhận góp ý"), default=timezone.now, help_text=_("Từ lúc này mới nhận góp ý.")
    )
    closes_at = models.DateTimeField(
        _("hết hạn góp ý"), help_text=_("Sau lúc này cổng từ chối mọi góp ý mới.")
    )
    show_comments = models.BooleanField(
        _("công khai góp ý đã duyệt"),
        default=False,
        help_text=_("Hiện trên trang các góp ý biên tập viên đã duyệt (không kèm liên hệ)."),
    )
    drafting_body = models.CharField(
        _("cơ quan chủ trì soạn thảo"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Tiểu ban Văn kiện Đại hội Đảng bộ tỉnh."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Thời gian")),
        MultiFieldPanel(
            [FieldPanel("drafting_body"), FieldPanel("show_comments")], heading=_("Góp ý")
        ),
        InlinePanel("drafts", heading=_("Tệp dự thảo"), label=_("Tệp dự thảo"), min_num=1),
        InlinePanel("sections", heading=_("Các phần của dự thảo"), label=_("Phần (chương, điều)")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["plugin_consultation.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def clean(self):
        from .drafts import read_drafts

        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("Hạn góp ý phải sau lúc bắt đầu nhận góp ý.")
        problems = read_drafts(self.drafts.all())
        if problems:
            errors["title"] = problems
        if errors:
            raise ValidationError(errors)

    def state(self, now=None) -> str:
        """ "upcoming", "open" or "closed" at `now` (default: now)."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.page_context(request, self))
        return context

    @path("")
    def consultation(self, request):
        """The page; a POST is a comment (refused unless the consultation is open)."""
        return views.own_consultation(request, self)

    @path("tra-cuu/<str:code>/")
    def comment_status(self, request, code: str):
        return views.own_comment(request, self, code)


class DraftFile(Orderable):
    """A file of the draft (PDF or DOCX) from the document library; its text is read once
    and shown on the page."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="drafts")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp")
    )
    title = models.CharField(
        _("tên tệp"), max_length=255, blank=True, help_text=_("Để trống: dùng tên trong thư viện.")
    )
    text = models.TextField(
        _("nội dung đọc được"),
        blank=True,
        editable=False,
        help_text=_("Nội dung chữ của tệp, đọc khi lưu trang."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    def display_title(self) -> str:
        return self.title or self.document.title


class DraftSection(Orderable):
    """A part of the draft a comment may target: a chapter, an article, a section."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="sections")
    label = models.CharField(
        _("ký hiệu"), max_length=60, help_text=_("Ví dụ: Chương I, Điều 5, Phần thứ hai.")
    )
    title = models.CharField(
        _("tên"), max_length=255, blank=True, help_text=_("Ví dụ: Những quy định chung.")
    )
    summary = models.TextField(
        _("tóm tắt"), blank=True, help_text=_("Nội dung chính của phần này, nếu muốn.")
    )

    panels = [FieldPanel("label"), FieldPanel("title"), FieldPanel("summary")]

    def __str__(self) -> str:
        return f"{self.label}. {self.title}" if self.title else self.label


class Comment(models.Model):
    """A comment on a draft, from this unit's portal or from one below it (`unit_code`)."""

    consultation = models.ForeignKey(
        ConsultationPage,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("dự thảo"),
    )
    section = models.ForeignKey(
        DraftSection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("phần"),
    )
    # Kept as written: the export still names a section the editor later removed.
    section_label = models.CharField(_("phần góp ý"), max_length=320, blank=True)
    unit_code = models.CharField(_("mã đơn vị nhận"), max_length=40)
    unit_name = models.CharField(_("gửi qua cổng"), max_length=200)
    code = models.CharField(
        _("mã tra cứu"), max_length=20, unique=True, default=new_comment_code, editable=False
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=200, blank=True)
    text = models.TextField(_("nội dung góp ý"), max_length=MAX_COMMENT_LENGTH)
    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.NEW
    )
    answer = models.TextField(_("trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người trả lời"),
    )

    class Meta:
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["consultation", "status"], name="consultation_comments")]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    @property
    def target(self) -> str:
        return self.section_label or str(_("Toàn văn dự thảo"))
