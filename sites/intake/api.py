"""The intake API: `POST /api/v1/documents/` and `GET /api/v1/documents/` on a unit's host.

Authenticated only by a Bearer token of the host's unit (no session, no CSRF);
every answer is JSON with Vietnamese messages; the OpenAPI description is at
`/api/v1/openapi.json`. Files go through the same importer as `import_documents`.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from ninja import File, Form, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestValidationError
from ninja.files import UploadedFile
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from portal import ratelimit
from portal.publications.models import Publication, PublicationStatus
from sites.importing import ImportProblem
from sites.importing.importer import Importer
from sites.importing.importer import Status as Outcome
from sites.importing.metadata import MetadataErrors, from_mapping
from sites.models import DocumentPage
from sites.models.documents import ClassifiedDocumentRefused

from . import tokens

# The most rows one listing returns; a sender reconciles in steps with `since`.
LIST_LIMIT = 1000


class DocumentOut(Schema):
    id: int
    url: str
    status: Literal["published", "draft"]
    changed: bool


class ErrorOut(Schema):
    detail: str


class FieldErrorsOut(Schema):
    detail: str
    errors: dict[str, str]


class PublishedDocument(Schema):
    id: int
    url: str
    title: str
    number: str
    type: str
    issuer: str
    issued: datetime.date | None
    published_at: datetime.datetime
    updated_at: datetime.datetime
    signature: Literal["valid", "tampered", "untrusted", ""]


class DocumentListOut(Schema):
    items: list[PublishedDocument]


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after


class UnitToken(HttpBearer):
    """A token of the unit whose host was asked, within its rate limit."""

    def authenticate(self, request, token):
        unit = getattr(request, "tenant", None)
        found = tokens.active_token(token, unit) if unit is not None else None
        if found is None:
            return None
        rate = ratelimit.Rate(settings.PORTAL_INTAKE_RATE_LIMIT, settings.PORTAL_INTAKE_RATE_WINDOW)
        verdict = ratelimit.hit("intake", str(found.pk), rate)
        if not verdict.allowed:
            raise RateLimited(verdict.retry_after)
        return found


class Utf8JSON(JSONRenderer):
    """Vietnamese readable as written (and a third the size of \\u escapes)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSON(),
    title="Cổng thông tin: nhận văn bản từ hệ thống quản lý văn bản",
    version="1",
    urls_namespace="intake_api",
    auth=UnitToken(),
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    answer = api.create_response(
        request, {"detail": _("Thiếu mã kết nối, mã sai hoặc đã bị thu hồi.")}, status=401
    )
    answer["WWW-Authenticate"] = "Bearer"
    return answer


@api.exception_handler(RateLimited)
def _rate_limited(request, exc):
    answer = api.create_response(
        request, {"detail": _("Quá nhiều yêu cầu, hãy thử lại sau.")}, status=429
    )
    answer["Retry-After"] = str(exc.retry_after)
    return answer


@api.exception_handler(RequestValidationError)
def _bad_request(request, exc):
    """Missing parts of the form (ninja's own check), answered like our field errors."""
    errors = {}
    for error in exc.errors:
        field = str(error.get("loc", ["", "request"])[-1])
        errors[field] = _("Thiếu hoặc sai giá trị.")
    return api.create_response(request, _field_errors(errors), status=422)


def _field_errors(errors: dict[str, str]) -> dict:
    return {"detail": _("Thông tin văn bản không hợp lệ."), "errors": errors}


_RESPONSES = {401: ErrorOut, 403: ErrorOut, 422: FieldErrorsOut, 429: ErrorOut}


@api.post(
    "/documents/",
    response={201: DocumentOut, 200: DocumentOut, **_RESPONSES},
    summary="Gửi một văn bản (tạo mới, hoặc cập nhật văn bản cùng số, cơ quan và năm)",
)
def push_document(request, metadata: Form[str], file: File[UploadedFile]):
    token = request.auth
    code, body = _receive(request, token, metadata, file)
    tokens.used(
        token,
        "push",
        {"status": code, "id": body.get("id"), "file": _safe_name(file.name)[:200]},
        request=request,
    )
    return Status(code, body)


def _receive(request, token, raw_metadata: str, upload: UploadedFile) -> tuple[int, dict]:
    try:
        found = from_mapping(json.loads(raw_metadata))
    except json.JSONDecodeError:
        return 422, _field_errors({"metadata": _("Không đọc được JSON.")})
    except MetadataErrors as errors:
        return 422, _field_errors(errors.by_key)
    if found.issued is None:
        return 422, _field_errors({"issued": _("Bắt buộc có ngày ban hành.")})
    try:
        importer = Importer(token.unit)
        with tempfile.TemporaryDirectory(prefix="intake-") as folder:
            path = Path(folder) / _safe_name(upload.name)
            with path.open("wb") as target:
                for chunk in upload.chunks():
                    target.write(chunk)
            outcome = importer.receive(path, found)
    except ClassifiedDocumentRefused as refusal:
        return 403, {"detail": " ".join(refusal.messages)}
    except ImportProblem as problem:
        return 422, _field_errors({"file": str(problem)})
    except ValidationError as error:
        messages = (
            error.message_dict if hasattr(error, "error_dict") else {"metadata": error.messages}
        )
        return 422, _field_errors({key: " ".join(value) for key, value in messages.items()})
    except DatabaseError as error:
        return 422, _field_errors({"metadata": str(error).strip().splitlines()[0]})
    page = DocumentPage.objects.get(pk=outcome.page_id)
    created = outcome.status in (Outcome.PUBLISHED, Outcome.DRAFT)
    return (201 if created else 200), {
        "id": page.pk,
        "url": request.build_absolute_uri(_page_path(page, request)),
        "status": "published" if page.live else "draft",
        "changed": outcome.status != Outcome.SKIPPED,
    }


def _page_path(page, request) -> str:
    """The page's path on this portal (a draft's too), made absolute with the request's host."""
    parts = page.get_url_parts(request=request)
    return parts[2] if parts else "/"


def _safe_name(name: str | None) -> str:
    """The upload's own name without folders or odd characters (its extension is checked)."""
    try:
        return get_valid_filename(Path(name or "").name)
    except Exception:  # Django's SuspiciousFileOperation for names like ".."
        return "van-ban"


@api.get(
    "/documents/",
    response={200: DocumentListOut, 401: ErrorOut, 422: FieldErrorsOut, 429: ErrorOut},
    summary="Các văn bản đơn vị đã xuất bản (để đối chiếu)",
)
def published_documents(request, since: str = ""):
    token = request.auth
    rows = Publication.objects.filter(
        unit=token.unit, kind="document", status=PublicationStatus.LIVE
    ).order_by("published_at", "pk")
    if since:
        try:
            start = datetime.date.fromisoformat(since)
        except ValueError:
            return Status(422, _field_errors({"since": _("Ngày phải có dạng YYYY-MM-DD.")}))
        rows = rows.filter(published_at__date__gte=start)
    items = [
        {
            "id": row.object_id,
            "url": row.url,
            "title": row.title,
            "number": row.doc_number,
            "type": row.doc_type,
            "issuer": row.issuer,
            "issued": row.issued,
            "published_at": row.published_at,
            "updated_at": row.updated_at,
            "signature": row.signature_status,
        }
        for row in rows[:LIST_LIMIT]
    ]
    tokens.used(
        token, "list", {"status": 200, "since": since[:40], "count": len(items)}, request=request
    )
    return Status(200, {"items": items})
