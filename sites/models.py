"""Page types every unit's portal offers."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "image", "hr"]


class HomePage(Page):
    """The root of a unit's portal: introduction and the latest news of every section."""

    intro = RichTextField(
        _("lời giới thiệu"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Đoạn giới thiệu ngắn ở đầu trang chủ."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific().type(SectionPage)
        context["latest_articles"] = (
            ArticlePage.objects.live().public().descendant_of(self).order_by("-date", "-pk")[:10]
        )
        return context


class SectionPage(Page):
    """A section (chuyên mục) such as "Tin tức - Sự kiện"; sections nest."""

    intro = RichTextField(
        _("giới thiệu chuyên mục"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Hiển thị ở đầu trang chuyên mục."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal_sites.HomePage", "portal_sites.SectionPage"]
    subpage_types = ["portal_sites.SectionPage", "portal_sites.ArticlePage", "portal_sites.StandardPage"]

    class Meta:
        verbose_name = _("chuyên mục")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.live().public().descendant_of(self).order_by("-date", "-pk")[:30]
        )
        return context


class StandardPage(Page):
    """A plain page: introduction, contacts and other fixed content."""

    body = RichTextField(
        _("nội dung"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Nội dung của trang.")
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["portal_sites.HomePage", "portal_sites.SectionPage"]
    subpage_types = ["portal_sites.StandardPage"]

    class Meta:
        verbose_name = _("trang thông tin")


class ArticlePage(Page):
    """A news article (tin bài)."""

    date = models.DateTimeField(
        _("ngày đăng"), default=timezone.now, help_text=_("Ngày giờ hiển thị của tin bài.")
    )
    lead = models.TextField(
        _("sapo"), blank=True, help_text=_("Đoạn tóm tắt in đậm ở đầu tin bài.")
    )
    body = RichTextField(
        _("nội dung"), features=RICH_TEXT_FEATURES, help_text=_("Nội dung chính của tin bài.")
    )

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["portal_sites.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tin bài")
