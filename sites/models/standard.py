"""Fixed pages: introduction, contacts, the English introduction, and plain pages."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.tenancy.page_addresses import PageAddressMixin

from ..blocks import RICH_TEXT_FEATURES
from ..view_restrictions import CachedViewRestrictionsMixin

_PARENTS = ["portal_sites.HomePage", "portal_sites.SectionPage"]


class StandardPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """A plain page of fixed content."""

    body = RichTextField(
        _("nội dung"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Nội dung của trang.")
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = _PARENTS
    subpage_types = ["portal_sites.StandardPage"]

    class Meta:
        verbose_name = _("trang thông tin")
        verbose_name_plural = _("trang thông tin")


class IntroductionPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """ "Giới thiệu": functions and duties, organisation chart and leadership,
    as Decree 42/2022/NĐ-CP asks of an agency portal."""

    functions = RichTextField(
        _("chức năng, nhiệm vụ"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Chức năng, nhiệm vụ, quyền hạn của đơn vị."),
    )
    organisation_chart = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sơ đồ tổ chức"),
        help_text=_("Ảnh sơ đồ tổ chức bộ máy."),
    )
    organisation_text = RichTextField(
        _("cơ cấu tổ chức"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Mô tả cơ cấu tổ chức (cũng là phần thay thế cho ảnh sơ đồ)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("functions"),
        MultiFieldPanel(
            [FieldPanel("organisation_chart"), FieldPanel("organisation_text")],
            heading=_("Tổ chức bộ máy"),
        ),
        InlinePanel("leaders", label=_("Lãnh đạo")),
    ]
    search_fields = Page.search_fields + [index.SearchField("functions")]
    parent_page_types = _PARENTS
    subpage_types = ["portal_sites.StandardPage", "portal_sites.EnglishIntroductionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang giới thiệu")
        verbose_name_plural = _("trang giới thiệu")


class Leader(Orderable):
    """A member of the unit's leadership, in display order."""

    page = ParentalKey(IntroductionPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh"),
    )
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]


class ContactPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """ "Liên hệ": the unit's address, telephone, e-mail and office hours."""

    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.CharField(
        _("giờ làm việc"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Thứ Hai – Thứ Sáu, 7h30–17h."),
    )
    body = RichTextField(_("thông tin thêm"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("office_hours"),
        FieldPanel("body"),
    ]
    parent_page_types = _PARENTS
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("trang liên hệ")
        verbose_name_plural = _("trang liên hệ")


class EnglishIntroductionPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """The English introduction of the unit, as the portal rules ask: the whole page in
    English, its interface too (the English catalog), so that it never mixes two languages."""

    body = RichTextField(
        _("nội dung tiếng Anh"), features=RICH_TEXT_FEATURES, help_text=_("Written in English.")
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = _PARENTS + ["portal_sites.IntroductionPage"]
    subpage_types: list[str] = []
    max_count = 1

    def serve(self, request, *args, **kwargs):
        with translation.override("en"):
            response = super().serve(request, *args, **kwargs)
            response.render()  # a TemplateResponse renders lazily: render it in English
        response["Content-Language"] = "en"
        return response

    class Meta:
        verbose_name = _("trang giới thiệu tiếng Anh")
        verbose_name_plural = _("trang giới thiệu tiếng Anh")
