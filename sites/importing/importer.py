"""Store archive files as documents (DocumentPage + attached file) of one unit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, models, transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from portal.tenancy.page_addresses import ascii_slug

from ..models import (
    DocumentAttachment,
    DocumentIndexPage,
    DocumentPage,
    DocumentType,
)
from ..models.documents import ClassifiedDocumentRefused, refuse_if_classified, written_label
from . import ImportProblem, extract, metadata
from .metadata import DocumentMetadata

# The registry every unit gets from sites.seed; any other registry is the fallback.
REGISTRY_SLUG = "van-ban"
ALREADY_IMPORTED = gettext_lazy("đã nhập trước đó")
_SLUG_LENGTH = 80


class Status(models.TextChoices):
    PUBLISHED = "published", gettext_lazy("đã nhập và xuất bản")
    DRAFT = "draft", gettext_lazy("đã nhập dạng bản nháp")
    REFUSED = "refused", gettext_lazy("từ chối, không lưu")
    UPDATED = "updated", gettext_lazy("đã cập nhật")
    SKIPPED = "skipped", gettext_lazy("bỏ qua")
    FAILED = "failed", gettext_lazy("lỗi")


@dataclass
class Outcome:
    """What happened to one file; `reason` says why it is a draft, refused, skipped or failed."""

    path: Path
    status: Status
    reason: str = ""
    page_id: int | None = None


class Importer:
    """Imports files into the document registry of one unit, one transaction per file."""

    def __init__(self, unit):
        self.unit = unit
        with schema_context(unit.schema_name):
            registry = _registry()
        if registry is None:
            raise ImportProblem(
                _("Đơn vị %(unit)s không có trang danh mục văn bản.") % {"unit": unit.name}
            )
        self.registry_id = registry.pk

    def import_file(self, path: Path) -> Outcome:
        """Import one file; every problem is reported in the outcome, never raised."""
        try:
            return self._import(path)
        except ImportProblem as problem:
            return Outcome(path, Status.FAILED, str(problem))
        except ClassifiedDocumentRefused as refusal:
            return Outcome(path, Status.REFUSED, "; ".join(refusal.messages))
        except ValidationError as error:
            return Outcome(path, Status.FAILED, "; ".join(error.messages))
        except DatabaseError as error:
            # PostgreSQL adds DETAIL lines; the report keeps one line per file.
            return Outcome(path, Status.FAILED, str(error).strip().splitlines()[0])

    def _import(self, path: Path) -> Outcome:
        # The file is checked and read even when a sidecar describes it: a
        # damaged file must not reach the registry whatever its metadata says.
        _kind, text = extract.read_text(path)
        sidecar = metadata.sidecar_path(path)
        from_sidecar = sidecar.is_file()
        found = metadata.read_sidecar(sidecar) if from_sidecar else metadata.parse_text(text)
        # Before anything is written: no page, revision, file or ledger row.
        refuse_if_classified(found.confidentiality)
        if found.issued is None:
            raise _no_issue_date(text, sidecar, from_sidecar)
        return self._bring_in(path, found, from_sidecar, replace=False)

    def receive(self, path: Path, found: DocumentMetadata) -> Outcome:
        """A file sent with its checked metadata by another system (the intake API).

        The file is checked as an imported one; a document already in the
        registry (same issuer, number and year, or the same file) is updated
        to what was sent. Raises ImportProblem, ValidationError or
        DatabaseError; nothing is stored then.
        """
        # Before anything is written: no page, revision, file or ledger row.
        refuse_if_classified(found.confidentiality)
        extract.read_text(path)
        return self._bring_in(path, found, from_sidecar=True, replace=True)

    def _bring_in(
        self, path: Path, found: DocumentMetadata, from_sidecar: bool, replace: bool
    ) -> Outcome:
        """Store a new document, or find the known one (and update it if `replace`)."""
        publish, reason = _decision(found, from_sidecar)
        with path.open("rb") as source:
            content_hash = hash_filelike(source)
        with schema_context(self.unit.schema_name), transaction.atomic():
            existing = _existing(found, content_hash)
            if existing is None:
                page = self._store(path, found, content_hash, publish)
                status = Status.PUBLISHED if publish else Status.DRAFT
                return Outcome(path, status, reason, page.pk)
            if replace and self._update(existing, path, found, content_hash, publish):
                return Outcome(path, Status.UPDATED, reason, existing.pk)
        return Outcome(path, Status.SKIPPED, str(ALREADY_IMPORTED), existing.pk)

    def _store(self, path: Path, found: DocumentMetadata, content_hash: str, publish: bool):
        """The file as a wagtaildocs Document and its page; runs in the file's transaction."""
        title = _title(found, path)
        document = _document(path, title, content_hash)
        try:
            # Fetched afresh: treebeard counts children on the instance, and a
            # failed file's rollback must not leave a stale count behind.
            registry = DocumentIndexPage.objects.get(pk=self.registry_id)
            page = DocumentPage(
                title=title,
                slug=_free_slug(registry, found, path),
                live=False,
                attachments=[DocumentAttachment(document=document)],
                **_page_fields(found),
            )
            registry.add_child(instance=page)
            _save(page, publish)
        except Exception:
            # The rollback will remove the rows, not the file already in storage.
            document.file.delete(save=False)
            raise
        return page

    def _update(
        self,
        existing: DocumentPage,
        path: Path,
        found: DocumentMetadata,
        content_hash: str,
        publish: bool,
    ) -> bool:
        """Bring `existing` to the metadata and file sent; False when nothing differs."""
        page = existing.get_latest_revision_as_object()
        fields = {"title": _title(found, path), **_page_fields(found)}
        changed = {name: value for name, value in fields.items() if getattr(page, name) != value}
        same_file = any(item.document.file_hash == content_hash for item in page.attachments.all())
        if not changed and same_file and (existing.live or not publish):
            return False
        for name, value in changed.items():
            setattr(page, name, value)
        document = None if same_file else _document(path, fields["title"], content_hash)
        try:
            if document is not None:
                page.attachments = [DocumentAttachment(document=document)]
            _save(page, publish)
        except Exception:
            if document is not None:
                document.file.delete(save=False)
            raise
        return True


def _document(path: Path, title: str, content_hash: str):
    """The file as a wagtaildocs Document (its file stored, its row saved)."""
    document = get_document_model()(
        title=title, file_size=path.stat().st_size, file_hash=content_hash
    )
    with path.open("rb") as source:
        document.file.save(path.name, File(source), save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def _page_fields(found: DocumentMetadata) -> dict:
    return {
        "number": found.number,
        "doc_type": found.doc_type or DocumentType.KHAC,
        "issuer": found.issuer,
        "signer": found.signer,
        "issued": found.issued,
        "effective": found.effective,
        "abstract": found.abstract,
        "field": found.field,
        "confidentiality": found.confidentiality,
    }


def _save(page: DocumentPage, publish: bool) -> None:
    # Drafts are saved like the admin's "Save draft": required metadata
    # may still be missing; publishing validates it all.
    revision = page.save_revision(clean=publish, log_action=True)
    if publish:
        revision.publish()


def _registry() -> DocumentIndexPage | None:
    registries = DocumentIndexPage.objects.order_by("path")
    return registries.filter(slug=REGISTRY_SLUG).first() or registries.first()


def _existing(found: DocumentMetadata, content_hash: str) -> DocumentPage | None:
    """Known by its number, issuer and year (what the registry keeps unique), or by its content."""
    if found.number:
        same_number = DocumentPage.objects.filter(
            number__iexact=found.number, issued__year=found.issued.year
        )
        if found.issuer:
            same_number = same_number.filter(issuer__iexact=found.issuer)
        if page := same_number.order_by("pk").first():
            return page
    return (
        DocumentPage.objects.filter(attachments__document__file_hash=content_hash)
        .order_by("pk")
        .first()
    )


def _decision(found: DocumentMetadata, from_sidecar: bool) -> tuple[bool, str]:
    """Publish, or stay a draft and why."""
    if missing := found.missing():
        return False, _("thiếu %(keys)s") % {"keys": ", ".join(missing)}
    if not from_sidecar:
        return False, _("thông tin đọc từ nội dung văn bản, cần kiểm tra")
    if not found.publish:
        return False, _("tệp mô tả không yêu cầu xuất bản")
    return True, ""


def _no_issue_date(text: str, sidecar: Path, from_sidecar: bool) -> ImportProblem:
    # Every document in the registry has an issue date (the database requires it).
    if from_sidecar:
        return ImportProblem(_("tệp mô tả %(name)s thiếu “issued”") % {"name": sidecar.name})
    if not text.strip():
        reason = _("tệp không có chữ (bản quét?)")
    else:
        reason = _("không tìm thấy ngày ban hành trong văn bản")
    return ImportProblem(
        _("%(reason)s: hãy thêm tệp mô tả %(name)s") % {"reason": reason, "name": sidecar.name}
    )


def _title(found: DocumentMetadata, path: Path) -> str:
    """ "Thông báo số 374-TB/HU: Kết luận của ...", or the file name when little is known.

    The words are the portal's content language, Vietnamese, not interface text.
    """
    if not (found.number or found.abstract):
        return Truncator(path.stem).chars(Page._meta.get_field("title").max_length)
    head = written_label(DocumentType(found.doc_type)) if found.doc_type else "Văn bản"
    if found.number:
        head = f"{head} số {found.number}"
    if found.abstract:
        joiner = " " if found.abstract[0].islower() else ": "
        head = f"{head}{joiner}{found.abstract}"
    return Truncator(head).chars(Page._meta.get_field("title").max_length)


def _free_slug(registry: DocumentIndexPage, found: DocumentMetadata, path: Path) -> str:
    """`374-tb-hu-2013` from the number and year (else the file name), unique in the registry."""
    source = f"{found.number} {found.issued.year}" if found.number else path.stem
    base = ascii_slug(source.replace("/", "-").replace(".", "-"))[:_SLUG_LENGTH]
    base = base.strip("-") or "van-ban"
    taken = set(
        registry.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug
