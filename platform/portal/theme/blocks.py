"""StreamField blocks of the theme settings."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ServiceLinkBlock(blocks.StructBlock):
    """A link to an online public service portal (title + http/https address)."""

    title = blocks.CharBlock(
        label=_("tên"), max_length=120, help_text=_("Ví dụ: Cổng Dịch vụ công quốc gia.")
    )
    url = blocks.URLBlock(label=_("địa chỉ"), help_text=_("Ví dụ: https://dichvucong.gov.vn"))

    class Meta:
        icon = "link"
        label = _("Liên kết dịch vụ công")


class CampaignBannerBlock(blocks.StructBlock):
    """A campaign banner on the home page (e.g. "Học tập và làm theo tư tưởng...")."""

    title = blocks.CharBlock(
        label=_("tiêu đề"),
        max_length=160,
        help_text=_("Ví dụ: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."),
    )
    url = blocks.URLBlock(label=_("địa chỉ"), help_text=_("Trang của chuyên đề, chiến dịch."))
    image = ImageChooserBlock(
        label=_("ảnh"), required=False, help_text=_("Ảnh ngang, tỉ lệ khoảng 3:1 (không bắt buộc).")
    )

    class Meta:
        icon = "pick"
        label = _("Băng rôn chuyên đề")


# The home page's blocks an editor may place, in their default order. The first
# three fill the main column, the rest the side column (home_page.html).
HOME_BLOCKS = [
    ("headlines", _("Tin nổi bật (tin chính và các tin bên cạnh)")),
    ("latest", _("Dải tin mới")),
    ("campaigns", _("Băng rôn chuyên đề")),
    ("sections", _("Tin theo chuyên mục")),
    ("gallery", _("Thư viện ảnh")),
    ("modules", _("Khối của các mô-đun (cột chính)")),
    ("documents", _("Văn bản mới")),
    ("most_read", _("Đọc nhiều nhất")),
    ("module_aside", _("Khối của các mô-đun (cột bên: điểm tin video...)")),
    ("network", _("Cổng thông tin trong hệ thống")),
    ("visitors", _("Lượt truy cập")),
]
HOME_ASIDE_BLOCKS = {"documents", "most_read", "module_aside", "network", "visitors"}


class HomeBlockChoice(blocks.ChoiceBlock):
    choices = HOME_BLOCKS

    class Meta:
        icon = "placeholder"
        label = _("Khối trang chủ")
