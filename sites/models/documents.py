"""Official documents (văn bản) and the document registry."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import ExtractYear, Upper
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.tenancy.page_addresses import PageAddressMixin

from .. import document_numbers
from ..view_restrictions import CachedViewRestrictionsMixin


class DocumentType(models.TextChoices):
    """Types of party and state documents; the label is what editors and citizens see."""

    NGHI_QUYET = "nghi-quyet", _("Nghị quyết")
    QUYET_DINH = "quyet-dinh", _("Quyết định")
    CHI_THI = "chi-thi", _("Chỉ thị")
    KET_LUAN = "ket-luan", _("Kết luận")
    QUY_CHE = "quy-che", _("Quy chế")
    QUY_DINH = "quy-dinh", _("Quy định")
    THONG_TRI = "thong-tri", _("Thông tri")
    HUONG_DAN = "huong-dan", _("Hướng dẫn")
    THONG_BAO = "thong-bao", _("Thông báo")
    KE_HOACH = "ke-hoach", _("Kế hoạch")
    CHUONG_TRINH = "chuong-trinh", _("Chương trình")
    BAO_CAO = "bao-cao", _("Báo cáo")
    TO_TRINH = "to-trinh", _("Tờ trình")
    CONG_VAN = "cong-van", _("Công văn")
    THONG_CAO = "thong-cao", _("Thông cáo")
    KHAC = "khac", _("Văn bản khác")


def written_label(choice: models.TextChoices) -> str:
    """The label as written in the code (Vietnamese), whatever language is active.

    For stored data (page titles, the ledger) and for reading document texts;
    what people see goes through the translated `label`.
    """
    with translation.override(None):
        return str(choice.label)


class Confidentiality(models.TextChoices):
    """Only ordinary documents may ever be public."""

    ORDINARY = "thuong", _("Thường")
    SECRET = "mat", _("Mật")
    TOP_SECRET = "toi-mat", _("Tối mật")
    ABSOLUTE_SECRET = "tuyet-mat", _("Tuyệt mật")


class ClassifiedDocumentRefused(ValidationError):
    """Raised whenever something tries to store a classified document."""


def refuse_if_classified(confidentiality: str) -> None:
    """The one rule for every entrance (admin form, import, intake, code): the law
    forbids classified material on internet-facing systems, so a document whose
    level is Mật, Tối mật or Tuyệt mật is refused whole, before anything is written."""
    if confidentiality == Confidentiality.ORDINARY:
        return
    level = Confidentiality(confidentiality).label if confidentiality in Confidentiality else ""
    raise ClassifiedDocumentRefused(
        _(
            "Văn bản có độ mật “%(level)s” không được lưu trên cổng thông tin điện tử: "
            "pháp luật cấm đưa tài liệu mật lên hệ thống kết nối Internet. "
            "Không có gì của văn bản này được lưu."
        )
        % {"level": level or confidentiality},
        code="classified",
    )


class DocumentPageForm(WagtailAdminPageForm):
    """The admin's page form: a classified level is refused in the form, whatever the
    action (save draft, publish, submit), so the editor reads why and nothing is saved."""

    def clean_confidentiality(self):
        level = self.cleaned_data.get("confidentiality", Confidentiality.ORDINARY)
        refuse_if_classified(level)
        return level


class DocumentPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """An official document with its full metadata and attached files.

    A document whose confidentiality is not "Thường" is never stored: its
    form refuses it, and saving it or a revision of it raises, whichever route
    (admin, bulk action, workflow, import, API) tries (`refuse_if_classified`).
    """

    number = models.CharField(
        _("số, ký hiệu"),
        max_length=60,
        blank=True,
        help_text=_("Ví dụ: 374-TB/HU, 164/TB-UBND. Bắt buộc khi xuất bản."),
    )
    doc_type = models.CharField(
        _("loại văn bản"),
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.THONG_BAO,
    )
    issuer = models.CharField(
        _("cơ quan ban hành"), max_length=200, help_text=_("Ví dụ: Huyện ủy Tam Giang.")
    )
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    issued = models.DateField(_("ngày ban hành"))
    effective = models.DateField(
        _("ngày có hiệu lực"), null=True, blank=True, help_text=_("Không được trước ngày ban hành.")
    )
    abstract = models.TextField(_("trích yếu"), help_text=_("Trích yếu nội dung văn bản."))
    field = models.CharField(
        _("lĩnh vực"), max_length=120, blank=True, help_text=_("Ví dụ: Xây dựng Đảng, Kinh tế.")
    )
    confidentiality = models.CharField(
        _("độ mật"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.ORDINARY,
        help_text=_("Văn bản mật không bao giờ được xuất bản."),
    )
    base_form_class = DocumentPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("doc_type"),
                FieldPanel("issuer"),
                FieldPanel("signer"),
                FieldPanel("issued"),
                FieldPanel("effective"),
                FieldPanel("field"),
                FieldPanel("confidentiality"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("abstract"),
        InlinePanel("attachments", label=_("Tệp văn bản")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("abstract"),
        index.FilterField("doc_type"),
        index.FilterField("issued"),
    ]
    parent_page_types = ["portal_sites.DocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        constraints = [
            # A number is its issuing body's, per year: two communes' party
            # committees both issue "01-TB/ĐU", and a merged unit keeps both.
            models.UniqueConstraint(
                Upper("number"),
                Upper("issuer"),
                ExtractYear("issued"),
                condition=~models.Q(number=""),
                name="document_number_unique_per_issuer_and_year",
            ),
            models.CheckConstraint(
                condition=models.Q(effective__isnull=True)
                | models.Q(effective__gte=models.F("issued")),
                name="document_effective_not_before_issued",
            ),
        ]

    @property
    def is_classified(self) -> bool:
        return self.confidentiality != Confidentiality.ORDINARY

    def missing_for_publication(self) -> list[str]:
        """Names of the metadata a published document must have but this one lacks."""
        required = {"number": self.number, "issuer": self.issuer, "abstract": self.abstract}
        return [
            str(self._meta.get_field(name).verbose_name)
            for name, value in required.items()
            if not value
        ]

    @property
    def doc_type_label(self) -> str:
        return DocumentType(self.doc_type).label

    @property
    def doc_type_name(self) -> str:
        """The type's Vietnamese name, for the ledger (stored, not shown in the interface)."""
        return written_label(DocumentType(self.doc_type))

    def clean(self):
        super().clean()
        errors = {}
        self.number = document_numbers.normalise(self.number)
        if not self.number:
            pass  # a draft may not have its number yet; publishing requires one (see save)
        elif not document_numbers.is_valid(self.number):
            errors["number"] = _("Số, ký hiệu “%(number)s” không đúng dạng (ví dụ 374-TB/HU).") % {
                "number": self.number
            }
        elif self.issued and self._number_taken():
            errors["number"] = _(
                "Đơn vị đã có văn bản số %(number)s của %(issuer)s trong năm %(year)s."
            ) % {"number": self.number, "issuer": self.issuer, "year": self.issued.year}
        if self.effective and self.issued and self.effective < self.issued:
            errors["effective"] = _("Ngày có hiệu lực không được trước ngày ban hành.")
        if errors:
            raise ValidationError(errors)

    def _number_taken(self) -> bool:
        return (
            DocumentPage.objects.filter(
                number__iexact=self.number,
                issuer__iexact=self.issuer,
                issued__year=self.issued.year,
            )
            .exclude(pk=self.pk)
            .exists()
        )

    def save_revision(self, *args, **kwargs):
        # Before the revision row is written: a revision would store the document too.
        refuse_if_classified(self.confidentiality)
        return super().save_revision(*args, **kwargs)

    def save(self, *args, **kwargs):
        refuse_if_classified(self.confidentiality)
        if self.live and self.missing_for_publication():
            raise ValidationError(
                _("Chưa thể xuất bản văn bản: thiếu %(fields)s.")
                % {"fields": ", ".join(self.missing_for_publication())}
            )
        return super().save(*args, **kwargs)


class DocumentAttachment(Orderable):
    """A file of the document (PDF, DOC, DOCX...), downloadable by citizens."""

    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp")
    )
    title = models.CharField(_("tên hiển thị"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    def display_title(self) -> str:
        return self.title or self.document.title


class DocumentIndexPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """The document registry ("Văn bản"): every document below it, filterable by
    type, issuing body and year, with downloads."""

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Hiển thị ở đầu trang."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal_sites.HomePage", "portal_sites.SectionPage"]
    subpage_types = ["portal_sites.DocumentPage"]
    page_size = 20

    class Meta:
        verbose_name = _("danh mục văn bản")
        verbose_name_plural = _("danh mục văn bản")

    def documents(self):
        return DocumentPage.objects.live().public().descendant_of(self).order_by("-issued", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.documents()
        filters = {
            "type": request.GET.get("type", ""),
            "issuer": request.GET.get("issuer", ""),
            "year": request.GET.get("year", ""),
        }
        if filters["type"] in DocumentType.values:
            documents = documents.filter(doc_type=filters["type"])
        if filters["issuer"]:
            documents = documents.filter(issuer=filters["issuer"])
        if filters["year"].isdigit():
            documents = documents.filter(issued__year=int(filters["year"]))
        all_documents = self.documents()
        context.update(
            filters=filters,
            types=DocumentType.choices,
            issuers=all_documents.order_by("issuer").values_list("issuer", flat=True).distinct(),
            years=all_documents.dates("issued", "year", order="DESC"),
            documents=Paginator(
                documents.prefetch_related("attachments__document"), self.page_size
            ).get_page(request.GET.get("page")),
        )
        return context
