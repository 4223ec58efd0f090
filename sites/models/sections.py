"""Sections (chuyên mục)."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.tenancy.page_addresses import PageAddressMixin

from ..blocks import RICH_TEXT_FEATURES
from ..view_restrictions import CachedViewRestrictionsMixin
from .articles import ArticlePage


class SectionPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """A section such as "Tin tức - Sự kiện"; sections nest ("Tin trong tỉnh" ›
    "Hoạt động của Thường trực") and list the articles below them, newest first."""

    intro = RichTextField(
        _("giới thiệu chuyên mục"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Hiển thị ở đầu trang chuyên mục."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal_sites.HomePage", "portal_sites.SectionPage"]
    subpage_types = [
        "portal_sites.SectionPage",
        "portal_sites.ArticlePage",
        "portal_sites.AlbumPage",
        "portal_sites.StandardPage",
        "portal_sites.DocumentIndexPage",
    ]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("featured_image")
            .order_by("-date", "-pk")
        )
        context["articles"] = Paginator(articles, 20).get_page(request.GET.get("page"))
        context["subsections"] = self.get_children().live().public().type(SectionPage)
        return context


def section_of(page: Page) -> SectionPage | None:
    """The nearest section enclosing `page` (for breadcrumbs and the ledger)."""
    return SectionPage.objects.ancestor_of(page).order_by("-depth").first()
