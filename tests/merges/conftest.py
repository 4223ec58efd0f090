"""Three committed communes with content for the merge tests; removed afterwards.

Two communes (A, B) are merged into a third (S) inside each test's
transaction, so every test starts from the same committed state; the session
network's units stay out of the merge and prove it touches nothing else.
Every test runs twice: media in local folders, and media in a bucket of the real
S3-compatible server (tests/tenancy/object_store.py).
"""

from __future__ import annotations

import datetime
import io
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.test import override_settings
from django_tenants.utils import schema_context
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import RichText
from wagtailmedia.models import get_media_model

from portal.accounts import roles
from portal.settings.media import media_storage
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision
from sites.models import ArticlePage, DocumentAttachment, IntroductionPage
from tests.browser.units import remove_committed_units
from tests.conftest import PASSWORD
from tests.sites.factories import document, news_section, publish_article
from tests.tenancy import object_store

from .snapshots import files_of

Media = get_media_model()
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF"


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class MergeNetwork:
    survivor: Unit
    merged: list[Unit]
    domains: dict[str, str]  # unit code -> domain
    users: dict[str, object]
    media: Path  # MEDIA_ROOT: the files when local, nothing at all when on S3
    on_s3: bool

    def unit(self, unit: Unit) -> Unit:
        return Unit.objects.get(pk=unit.pk)

    def stored_files(self, units: list[Unit]) -> dict[str, str]:
        """`<schema>/<name>` -> SHA-256 of every stored file of `units`, read straight from
        the folders or the bucket (not through the portal's storage)."""
        found = {}
        for unit in units:
            if self.on_s3:
                found.update(object_store.contents(f"{unit.schema_name}/"))
            else:
                found.update(
                    {
                        f"{unit.schema_name}/{name}": digest
                        for name, digest in files_of(self.media / unit.schema_name).items()
                    }
                )
        return found


def _fill_a(users) -> None:
    image = get_image_model().objects.create(
        title="Ảnh lễ ra quân", file=ContentFile(png("navy"), name="le-ra-quan.png")
    )
    image.tags.add("ra quân")
    plan = get_document_model().objects.create(
        title="Kế hoạch phòng chống lụt bão", file=ContentFile(PDF, name="ke-hoach-lut-bao.pdf")
    )
    article = publish_article(
        "Lễ ra quân xây dựng nông thôn mới",
        featured_image=image,
        body=[
            ("image", {"image": image, "caption": "Lễ ra quân", "alt": ""}),
            (
                "paragraph",
                RichText(f'<p>Xem <a linktype="document" id="{plan.pk}">kế hoạch</a>.</p>'),
            ),
        ],
        author="Phóng viên xã",
    )
    article.tags.add("nông thôn mới", "ra quân")
    article.save_revision().publish()
    pending = publish_article("Hội nghị sơ kết sáu tháng")
    pending.title = "Hội nghị sơ kết sáu tháng đầu năm"
    pending.save_revision()  # a change waiting for approval: stays a draft of a live page
    draft = news_section().add_child(
        instance=ArticlePage(title="Bản nháp tin mùa vụ", lead="Chưa duyệt", live=False)
    )
    draft.save_revision()
    page = document("12-KH/DU", publish=False, issuer="Đảng ủy xã Đông Phong")
    DocumentAttachment.objects.create(page=page, document=plan, title="Toàn văn kế hoạch")
    page.save_revision().publish()
    document("3-CV/DU", publish=False, issuer="Đảng ủy xã Đông Phong")
    Media.objects.create(
        title="Bản tin phát thanh xã",
        type="audio",
        duration=3,
        file=ContentFile(b"ID3" + PDF, name="ban-tin.mp3"),
    )
    intro = IntroductionPage.objects.get(slug="gioi-thieu")
    intro.functions = "<p>Chức năng của Đảng ủy xã Đông Phong</p>"
    intro.save_revision().publish()
    for key, role in (("a_editor", roles.EDITOR), ("a_contributor", roles.CONTRIBUTOR)):
        roles.grant(users[key], role)


def _fill_b(users) -> None:
    report = get_document_model().objects.create(
        title="Báo cáo kết quả thu hoạch", file=ContentFile(PDF + b"b", name="bao-cao.pdf")
    )
    publish_article(
        "Thu hoạch lúa hè thu",
        body=[("attachment", {"document": report, "title": "Báo cáo"})],
    )
    page = document("13-BC/DU", publish=False, issuer="Đảng ủy xã Tây Phong")
    DocumentAttachment.objects.create(page=page, document=report)
    page.save_revision().publish()
    roles.grant(users["b_admin"], roles.SITE_ADMIN)
    roles.grant(users["shared"], roles.EDITOR)


def _fill_survivor(users) -> None:
    publish_article("Tin riêng của xã mới")
    roles.grant(users["shared"], roles.CONTRIBUTOR)


def _media_settings(media: Path, on_s3: bool) -> dict:
    if not on_s3:
        return {"MEDIA_ROOT": str(media)}
    object_store.ensure_bucket()
    return {
        "MEDIA_ROOT": str(media),
        "STORAGES": {**settings.STORAGES, "default": media_storage(object_store.environment())},
    }


@pytest.fixture(scope="module", params=["local", "s3"])
def merge_network(request, network, django_db_blocker, tmp_path_factory):
    on_s3 = request.param == "s3"
    media = tmp_path_factory.mktemp("merge-media")
    override = override_settings(**_media_settings(media, on_s3))
    override.enable()
    storages["default"].__dict__.pop("relative_media_root", None)
    token = secrets.token_hex(3)
    parent = network.units["province"]
    created_units = []
    try:
        with django_db_blocker.unblock():
            users = {}
            for key in ("a_editor", "a_contributor", "b_admin", "shared"):
                username = f"merge-{key}-{token}"
                users[key] = get_user_model().objects.create_user(
                    username, f"{username}@example.vn", PASSWORD
                )
            domains = {}
            units = {}
            for key, name in (("S", "Xã Phong Hòa"), ("A", "Xã Đông Phong"), ("B", "Xã Tây Phong")):
                code = f"TN-GN-{key}{token}".upper()
                domain = f"gn-{key.lower()}-{token}.test.localhost"
                units[key] = provision(
                    UnitSpec(f"{name} {token}", code, "commune", [domain], parent_code=parent.code)
                ).unit
                created_units.append(units[key])
                domains[code] = domain
            for key, fill in (("A", _fill_a), ("B", _fill_b), ("S", _fill_survivor)):
                with schema_context(units[key].schema_name):
                    fill(users)
            connection.set_schema_to_public()
        yield MergeNetwork(
            survivor=units["S"],
            merged=[units["A"], units["B"]],
            domains=domains,
            users=users,
            media=media,
            on_s3=on_s3,
        )
    finally:
        with django_db_blocker.unblock():
            remove_committed_units(*created_units)
        if on_s3:
            for unit in created_units:
                object_store.delete(f"{unit.schema_name}/")
        override.disable()
        storages["default"].__dict__.pop("relative_media_root", None)
    if on_s3:
        assert files_of(media) == {}, "media on S3 must never land in MEDIA_ROOT"


@pytest.fixture
def merging(merge_network, db):
    """The merge network inside this test's transaction (rolled back after)."""
    return merge_network


ISSUED = datetime.date(2025, 7, 22)
