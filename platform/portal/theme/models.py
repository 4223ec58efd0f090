"""What each unit customises in the shared theme: its look settings and its slogans.

Both live in the unit's own schema (the theme app is a tenant app), so one
unit's logo, colours or slogans can never show on another unit's portal.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from .blocks import (
    HOME_ASIDE_BLOCKS,
    HOME_BLOCKS,
    CampaignBannerBlock,
    HomeBlockChoice,
    ServiceLinkBlock,
)
from .colours import DEFAULT_PRIMARY, DEFAULT_SECONDARY, validate_hex_colour

# The browser's colour picker always yields #rrggbb, the only form we accept.
COLOUR_PICKER = forms.TextInput(attrs={"type": "color"})


def split_home_layout(chosen: list[str]) -> tuple[list[str], list[str]]:
    """(main column, side column): the home page's block keys in the editors' order,
    each once; every block in its default order when none is chosen."""
    known = [key for key, _ in HOME_BLOCKS]
    ordered = [key for key in dict.fromkeys(chosen or known) if key in known]
    return (
        [key for key in ordered if key not in HOME_ASIDE_BLOCKS],
        [key for key in ordered if key in HOME_ASIDE_BLOCKS],
    )


@register_setting(icon="cog")
class ThemeSettings(BaseSiteSetting):
    """The unit's look: logo, banner, colours, footer, contacts and network links."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("biểu trưng (logo)"),
        help_text=_("Hiện ở đầu mọi trang và khi chia sẻ trang không có ảnh riêng."),
    )
    banner = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh băng rôn (banner)"),
        help_text=_("Ảnh ngang ở đầu trang, nên rộng ít nhất 1400 điểm ảnh."),
    )
    primary_colour = models.CharField(
        _("màu chính"),
        max_length=7,
        default=DEFAULT_PRIMARY,
        validators=[validate_hex_colour],
        help_text=_("Màu nền đầu trang, dạng #rrggbb."),
    )
    secondary_colour = models.CharField(
        _("màu phụ"),
        max_length=7,
        default=DEFAULT_SECONDARY,
        validators=[validate_hex_colour],
        help_text=_("Màu liên kết và điểm nhấn, dạng #rrggbb; nên đậm hơn màu chính."),
    )
    portal_name = models.CharField(
        _("tên cổng"),
        max_length=200,
        blank=True,
        help_text=_(
            "Để trống: tên theo cấp của đơn vị, ví dụ “Cổng thông tin điện tử Đảng bộ "
            "tỉnh Sơn Lâm”."
        ),
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Theo Nghị định 42/2022/NĐ-CP, ví dụ: Tỉnh ủy Sơn Lâm."),
    )
    responsible_person = models.CharField(
        _("người chịu trách nhiệm chính"),
        max_length=200,
        blank=True,
        help_text=_("Họ tên và chức vụ, ví dụ: Ông Nguyễn Văn A, Phó Bí thư Tỉnh ủy."),
    )
    licence_number = models.CharField(
        _("giấy phép"),
        max_length=200,
        blank=True,
        help_text=_("Số giấy phép thiết lập trang thông tin điện tử (nếu có)."),
    )
    footer_text = models.TextField(
        _("chân trang"),
        blank=True,
        help_text=_("Thông tin thêm ở chân trang."),
    )
    contact_address = models.CharField(
        _("địa chỉ liên hệ"), max_length=300, blank=True, help_text=_("Địa chỉ trụ sở.")
    )
    contact_phone = models.CharField(
        _("điện thoại"), max_length=50, blank=True, help_text=_("Ví dụ: 0213 3876 123.")
    )
    contact_email = models.EmailField(
        _("thư điện tử"), blank=True, help_text=_("Hộp thư nhận ý kiến của người dân.")
    )
    public_service_links = StreamField(
        [("link", ServiceLinkBlock())],
        blank=True,
        verbose_name=_("dịch vụ công trực tuyến"),
        help_text=_("Liên kết tới Cổng Dịch vụ công quốc gia, cổng dịch vụ công của tỉnh..."),
    )
    show_network_links = models.BooleanField(
        _("hiện liên kết cổng cấp trên, cấp dưới"),
        default=True,
        help_text=_("Trang chủ liệt kê cổng của đơn vị cấp trên và các đơn vị trực thuộc."),
    )

    campaign_banners = StreamField(
        [("banner", CampaignBannerBlock())],
        blank=True,
        verbose_name=_("băng rôn chuyên đề"),
        help_text=_("Liên kết tới các chuyên đề, chiến dịch tuyên truyền, hiện trên trang chủ."),
    )
    home_blocks = StreamField(
        [("block", HomeBlockChoice())],
        blank=True,
        verbose_name=_("các khối trang chủ"),
        help_text=_(
            "Chọn và sắp xếp các khối của trang chủ. Để trống: mọi khối theo thứ tự mặc định."
        ),
    )

    # One query for the settings and both images on every page.
    select_related = ["logo", "banner"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("banner"),
                FieldPanel("primary_colour", widget=COLOUR_PICKER),
                FieldPanel("secondary_colour", widget=COLOUR_PICKER),
            ],
            heading=_("Nhận diện"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("portal_name"),
                FieldPanel("governing_body"),
                FieldPanel("responsible_person"),
                FieldPanel("licence_number"),
                FieldPanel("footer_text"),
                FieldPanel("contact_address"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
            ],
            heading=_("Chân trang và liên hệ"),
        ),
        FieldPanel("public_service_links"),
        FieldPanel("show_network_links"),
        FieldPanel("campaign_banners"),
        FieldPanel("home_blocks"),
    ]

    def home_layout(self) -> tuple[list[str], list[str]]:
        return split_home_layout([block.value for block in self.home_blocks])

    class Meta:
        verbose_name = _("giao diện cổng")
        verbose_name_plural = _("giao diện cổng")


class SloganQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> SloganQuerySet:
        """Slogans running on `on` (today, in the portal's time zone, by default)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on, end_date__gte=on)


class Slogan(models.Model):
    """A propaganda slogan (khẩu hiệu tuyên truyền) shown in the banner while
    its campaign or holiday runs, so the banner changes without an editor on duty."""

    text = models.CharField(
        _("khẩu hiệu"),
        max_length=300,
        help_text=_("Ví dụ: Nhiệt liệt chào mừng Đại hội Đảng bộ tỉnh lần thứ XV."),
    )
    start_date = models.DateField(_("ngày bắt đầu"), help_text=_("Ngày đầu tiên hiện khẩu hiệu."))
    end_date = models.DateField(
        _("ngày kết thúc"),
        help_text=_("Ngày cuối cùng hiện khẩu hiệu; không được trước ngày bắt đầu."),
    )
    link = models.URLField(
        _("liên kết"), blank=True, help_text=_("Trang tìm hiểu thêm về đợt tuyên truyền (nếu có).")
    )

    objects = SloganQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("link"),
    ]

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("khẩu hiệu tuyên truyền")
        verbose_name_plural = _("khẩu hiệu tuyên truyền")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="slogan_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc không được trước ngày bắt đầu.")})
