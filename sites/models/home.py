"""The home page of a unit's portal."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from portal.syndication.blocks import AggregatedNewsBlock
from portal.tenancy.page_addresses import PageAddressMixin

from ..blocks import RICH_TEXT_FEATURES
from ..view_restrictions import CachedViewRestrictionsMixin
from .galleries import LatestAlbumsBlock


class HomePage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """The root of a unit's portal: featured news, the latest of each section,
    the latest documents, the unit's slogan and its links up and down the network."""

    intro = RichTextField(
        _("lời giới thiệu"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Đoạn giới thiệu ngắn ở đầu trang chủ."),
    )

    body = StreamField(
        [("aggregated_news", AggregatedNewsBlock()), ("albums", LatestAlbumsBlock())],
        verbose_name=_("khối trang chủ"),
        blank=True,
        help_text=_("Các khối thêm vào trang chủ, ví dụ tin tổng hợp từ cơ sở, thư viện ảnh."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def route(self, request, path_components):
        from ..routing import route

        return route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        from ..home_context import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context
