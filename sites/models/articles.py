"""News articles (tin bài)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.tenancy.page_addresses import PageAddressMixin

from ..blocks import ArticleBodyBlock
from ..view_restrictions import CachedViewRestrictionsMixin


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "portal_sites.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """A news article: lead, rich body, featured image, author, source and tags."""

    # Its page shows it, its ancestors (breadcrumbs) and its section's other articles only:
    # other pages' publishing keeps it cached (sites.page_cache).
    shows_only_itself_and_siblings = True

    date = models.DateTimeField(
        _("ngày đăng"), default=timezone.now, help_text=_("Ngày giờ hiển thị của tin bài.")
    )
    lead = models.TextField(
        _("sapo"), blank=True, help_text=_("Đoạn tóm tắt in đậm ở đầu tin bài.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
        help_text=_("Hiện ở danh sách tin và khi chia sẻ lên mạng xã hội."),
    )
    featured_image_caption = models.CharField(
        _("chú thích ảnh đại diện"), max_length=300, blank=True
    )
    author = models.CharField(
        _("tác giả"), max_length=200, blank=True, help_text=_("Tên tác giả hoặc nhóm tác giả.")
    )
    source = models.CharField(
        _("nguồn"), max_length=200, blank=True, help_text=_("Nguồn tin, nếu đăng lại.")
    )
    featured = models.BooleanField(
        _("tin nổi bật"), default=False, help_text=_("Hiện ở khối tin nổi bật trên trang chủ.")
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("từ khóa"))

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("featured_image_caption")],
            heading=_("Ảnh đại diện"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("author"),
                FieldPanel("source"),
                FieldPanel("tags"),
                FieldPanel("featured"),
            ],
            heading=_("Thông tin tin bài"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["portal_sites.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
