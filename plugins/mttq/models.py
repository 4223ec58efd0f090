"""Page types of the Fatherland Front module: the index, one section per body, its news."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.extensions.pages import PluginPage

from .bodies import BODIES

RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class OrganisationIndexPage(PluginPage, Page):
    """ "Mặt trận và các đoàn thể": the list of the unit's bodies."""

    intro = RichTextField(
        _("giới thiệu"), blank=True, features=RICH_TEXT, help_text=_("Đoạn giới thiệu ở đầu trang.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal_sites.HomePage"]
    subpage_types = ["plugin_mttq.OrganisationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang Mặt trận và đoàn thể")
        verbose_name_plural = _("trang Mặt trận và đoàn thể")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["bodies"] = OrganisationPage.objects.child_of(self).live().public()
        return context


class OrganisationPage(PluginPage, Page):
    """The section of one body (MTTQ, Hội Phụ nữ, Đoàn Thanh niên...): introduction,
    leadership, contacts, documents, its own news and the news of the same body in
    every unit below (read from the network ledger)."""

    body = models.CharField(
        _("tổ chức"),
        max_length=30,
        choices=BODIES,
        help_text=_(
            "Loại tổ chức; tin của cùng loại tổ chức ở các đơn vị trực thuộc được tổng hợp về đây."
        ),
    )
    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=RICH_TEXT,
        help_text=_("Chức năng, nhiệm vụ, lịch sử."),
    )
    address = models.CharField(
        _("địa chỉ"), max_length=300, blank=True, help_text=_("Trụ sở làm việc.")
    )
    phone = models.CharField(
        _("điện thoại"), max_length=40, blank=True, help_text=_("Số điện thoại liên hệ.")
    )
    email = models.EmailField(_("thư điện tử"), blank=True, help_text=_("Hộp thư liên hệ."))
    gather_network_news = models.BooleanField(
        _("tổng hợp tin từ đơn vị trực thuộc"),
        default=True,
        help_text=_("Hiện tin của cùng tổ chức ở các huyện, xã trực thuộc."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        FieldPanel("intro"),
        InlinePanel("leaders", heading=_("Lãnh đạo"), label=_("Người lãnh đạo")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading=_("Liên hệ")
        ),
        InlinePanel("documents", heading=_("Văn bản"), label=_("Văn bản")),
        FieldPanel("gather_network_news"),
    ]
    parent_page_types = ["plugin_mttq.OrganisationIndexPage"]
    subpage_types = ["plugin_mttq.OrganisationNewsPage"]

    class Meta:
        verbose_name = _("trang tổ chức")
        verbose_name_plural = _("trang tổ chức")

    def clean(self):
        super().clean()
        twins = OrganisationPage.objects.filter(body=self.body)
        if self.pk:
            twins = twins.exclude(pk=self.pk)
        if self.body != "khac" and twins.exists():
            raise ValidationError({"body": _("Đơn vị đã có trang của tổ chức này.")})

    def get_context(self, request, *args, **kwargs):
        from .network import network_news

        context = super().get_context(request, *args, **kwargs)
        news = OrganisationNewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["news"] = Paginator(news, 10).get_page(request.GET.get("page"))
        if self.gather_network_news:
            context["network_news"] = network_news(getattr(request, "tenant", None), self.body)
        return context


class Leader(Orderable):
    """A member of a body's leadership (chủ tịch, phó chủ tịch, bí thư...)."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("họ và tên"), max_length=200, help_text=_("Ví dụ: Nguyễn Thị Lan."))
    position = models.CharField(
        _("chức vụ"), max_length=200, help_text=_("Ví dụ: Chủ tịch Ủy ban MTTQ huyện.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh"),
    )
    phone = models.CharField(
        _("điện thoại"),
        max_length=40,
        blank=True,
        help_text=_("Số điện thoại công vụ, nếu công khai."),
    )

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("photo"), FieldPanel("phone")]


class OrganisationDocument(Orderable):
    """A document of the body (điều lệ, nghị quyết, kế hoạch), from the document library."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("tệp")
    )
    title = models.CharField(
        _("tên văn bản"),
        max_length=255,
        blank=True,
        help_text=_("Để trống: dùng tên tệp trong thư viện."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    def display_title(self) -> str:
        return self.title or self.document.title


class OrganisationNewsPage(PluginPage, Page):
    """A news item of one body; it reaches the network ledger, so the same body's
    section higher up the network gathers it."""

    date = models.DateTimeField(
        _("ngày đăng"), default=timezone.now, help_text=_("Ngày giờ hiển thị của tin.")
    )
    lead = models.TextField(_("sapo"), blank=True, help_text=_("Đoạn tóm tắt ở đầu tin."))
    text = RichTextField(
        _("nội dung"), features=RICH_TEXT + ["image"], blank=True, help_text=_("Nội dung tin.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("text")]
    parent_page_types = ["plugin_mttq.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tin của tổ chức")
        verbose_name_plural = _("tin của tổ chức")

    def organisation(self) -> OrganisationPage:
        return OrganisationPage.objects.get(pk=self.get_parent().pk)
