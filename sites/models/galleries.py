"""Photo albums (Thư viện ảnh): captioned photos in the editor's order, shown in a lightbox."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.tenancy.page_addresses import PageAddressMixin

from ..view_restrictions import CachedViewRestrictionsMixin


class AlbumPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """A photo album: a lead and photos with captions and sources, in the order given.

    The public page shows a grid of thumbnails; each opens a full-size view
    (a lightbox that works without scripts, through the address's #fragment).
    Albums are published to the network ledger like news (kind "album").
    """

    # Its page shows it and its photos only (sites.page_cache).
    shows_only_itself_and_siblings = True

    date = models.DateTimeField(
        _("ngày đăng"), default=timezone.now, help_text=_("Ngày giờ hiển thị của album.")
    )
    lead = models.TextField(
        _("giới thiệu"), blank=True, help_text=_("Vài câu về sự kiện mà album ghi lại.")
    )
    photographer = models.CharField(
        _("tác giả ảnh"),
        max_length=200,
        blank=True,
        help_text=_("Người chụp hoặc nhóm phóng viên; mỗi ảnh có thể ghi nguồn riêng."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("photographer")], heading=_("Thông tin album")
        ),
        InlinePanel("photos", label=_("Ảnh"), min_num=1, heading=_("Ảnh trong album")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.FilterField("date"),
    ]
    parent_page_types = ["portal_sites.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("album ảnh")
        verbose_name_plural = _("album ảnh")

    def cover(self):
        """The first photo, or None: the album's thumbnail in lists and in the ledger."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("photos")
        if prefetched is not None:  # a list read every album's photos together
            first = next(iter(prefetched), None)
        else:
            first = self.photos.select_related("image").first()
        return first.image if first else None

    def section(self):
        """The nearest enclosing section (for the ledger)."""
        from .sections import SectionPage

        return SectionPage.objects.ancestor_of(self).order_by("-depth").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["photos"] = list(self.photos.select_related("image"))
        return context


class AlbumPhoto(Orderable):
    """One photo of an album, with what it shows and where it comes from."""

    page = ParentalKey(AlbumPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("ảnh"),
        help_text=_("Ảnh ngang, tối thiểu 1200 điểm ảnh chiều rộng là đẹp nhất."),
    )
    caption = models.CharField(
        _("chú thích"),
        max_length=300,
        help_text=_("Ảnh cho thấy gì: người, việc, nơi chốn. Cũng là mô tả cho người khiếm thị."),
    )
    source = models.CharField(
        _("nguồn ảnh"), max_length=200, blank=True, help_text=_("Ví dụ: Ảnh: Minh Anh.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("source")]

    class Meta(Orderable.Meta):
        verbose_name = _("ảnh trong album")
        verbose_name_plural = _("ảnh trong album")


class LatestAlbumsBlock(blocks.StructBlock):
    """A home page block: the unit's newest albums, each with its first photo."""

    title = blocks.CharBlock(label=_("Tiêu đề khối"), default=_("Thư viện ảnh"), max_length=120)
    count = blocks.IntegerBlock(label=_("Số album"), default=4, min_value=1, max_value=12)

    class Meta:
        icon = "image"
        label = _("Thư viện ảnh")
        template = "portal_sites/blocks/latest_albums.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        albums = AlbumPage.objects.live().public().order_by("-date", "-pk")[: value["count"]]
        context["albums"] = [(album, album.cover()) for album in albums]
        return context
