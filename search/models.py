"""The PostgreSQL engine's search rows: one per ledger row, kept current by a trigger.

The embedded PostgreSQL has no unaccent extension, so the folded text
(no diacritics, đ -> d) is computed by our own SQL function and stored here as
weighted `simple` tsvectors, in the same transaction as the ledger write that
changed it (see migration 0001 and `search.postgres.indexing`).
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.publications.models import Publication


class SearchEntry(models.Model):
    """What the PostgreSQL engine searches for one ledger row. Written only by the trigger.

    `document` holds title (A), document number (B), summary (C), body and
    attachment text (D), folded; `main` the same without attachments (only
    when there are some), so attachment-only matches rank lowest; `exact` the
    lower-cased original words, so exact diacritics rank higher; `facets` the
    filter values as lexemes (see `search.postgres.sql.FACETS_FUNCTION_SQL`).
    """

    wagtail_reference_index_ignore = True

    publication = models.OneToOneField(
        Publication,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
        verbose_name=_("mục xuất bản"),
    )
    unit_id = models.BigIntegerField(_("mã đơn vị"), help_text=_("Bản sao từ sổ xuất bản."))
    live = models.BooleanField(_("đang xuất bản"), help_text=_("Bản sao trạng thái của sổ."))
    kind = models.CharField(_("loại nội dung"), max_length=40)
    doc_type = models.CharField(_("loại văn bản"), max_length=60, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    doc_key = models.CharField(
        _("khóa số ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 374TBHU.")
    )
    day = models.DateField(_("ngày"), help_text=_("Ngày ban hành, nếu không có: ngày xuất bản."))
    year = models.PositiveSmallIntegerField(_("năm"))
    published_at = models.DateTimeField(_("xuất bản lần đầu"))
    attachment_text = models.TextField(_("nội dung tệp đính kèm"), blank=True)
    attachments_pending = models.BooleanField(
        _("chờ đọc tệp đính kèm"),
        default=False,
        db_default=False,
        help_text=_("Tệp đính kèm đã đổi, chờ tiến trình nền đọc nội dung."),
    )
    document = SearchVectorField(_("văn bản tìm kiếm"))
    main = SearchVectorField(_("văn bản tìm kiếm trừ tệp đính kèm"), null=True)
    exact = SearchVectorField(_("từ nguyên dạng"))
    facets = SearchVectorField(
        _("giá trị bộ lọc"),
        null=True,
        help_text=_(
            "Đơn vị, loại, loại văn bản, cơ quan ban hành và năm, để lọc ngay trong chỉ mục."
        ),
    )

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        indexes = [
            # Words and filters in one index: a frequent word within one unit, type or year
            # costs the rows that match both, not every row with the word.
            GinIndex(
                fields=["document", "facets"],
                name="search_entry_words_facets",
                condition=Q(live=True),
            ),
            models.Index(
                fields=["doc_key"],
                name="search_entry_doc_key",
                condition=Q(live=True) & ~Q(doc_key=""),
            ),
            models.Index(
                fields=["-day", "-published_at"], name="search_entry_latest", condition=Q(live=True)
            ),
            models.Index(
                fields=["unit_id", "-day"], name="search_entry_unit", condition=Q(live=True)
            ),
            models.Index(
                fields=["publication"],
                name="search_entry_files_pending",
                condition=Q(attachments_pending=True),
            ),
        ]

    def __str__(self) -> str:
        return f"search entry {self.publication_id}"


# The attachment text cache lives with the extractor that fills it.
from .attachments import AttachmentText  # noqa: E402, F401
