"""StreamField blocks of the theme settings."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ServiceLinkBlock(blocks.StructBlock):
    """A link to an online public service portal (title + http/https address)."""

    title = blocks.CharBlock(
        label=_("tên"), max_length=120, help_text=_("Ví dụ: Cổng Dịch vụ công quốc gia.")
    )
    url = blocks.URLBlock(label=_("địa chỉ"), help_text=_("Ví dụ: https://dichvucong.gov.vn"))

    class Meta:
        icon = "link"
        label = _("Liên kết dịch vụ công")
