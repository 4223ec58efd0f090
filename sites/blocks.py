"""The shared block library of every portal's StreamFields."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("ảnh"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=300)
    alt = blocks.CharBlock(
        label=_("mô tả thay thế"),
        required=False,
        max_length=300,
        help_text=_("Cho người dùng trình đọc màn hình; để trống thì dùng chú thích."),
    )

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "portal_sites/blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("tiêu đề"), required=False, max_length=200)
    images = blocks.ListBlock(ImageBlock(), label=_("các ảnh"), min_num=2)

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "portal_sites/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("trích dẫn"))
    attribution = blocks.CharBlock(label=_("người phát biểu"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "portal_sites/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("địa chỉ video"), help_text=_("Ví dụ: đường dẫn YouTube."))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Video nhúng")
        template = "portal_sites/blocks/video.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("tệp"))
    title = blocks.CharBlock(label=_("tên hiển thị"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Tệp đính kèm")
        template = "portal_sites/blocks/attachment.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    attachment = AttachmentBlock()
