"""A merge end to end against the real PostgreSQL: two communes into a third.

Content, files, ledger, search, old addresses, editors and the archive all
follow; a unit outside the merge is untouched; a failing or dry-run merge
leaves every schema, the ledger and the stored files exactly as before. Each
test runs with media in local folders and in a bucket of the real S3 server.
"""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from botocore.config import Config
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtailmedia.models import get_media_model

from portal.accounts.membership.models import UnitRole
from portal.audit.models import AuditEntry
from portal.merges.errors import MergeError
from portal.merges.merging import merge_units
from portal.merges.models import MergedUnit
from portal.publications.models import Publication, PublicationStatus
from portal.settings.media import media_storage
from portal.tenancy.models import Unit, UnitStatus
from search.engines import engine_named
from search.query import SearchQuery
from sites.models import ArticlePage, DocumentPage, IntroductionPage
from tests.conftest import client_for
from tests.sites.factories import document
from tests.tenancy import object_store

from .snapshots import network_state


def _codes(merging):
    return merging.survivor.code, [unit.code for unit in merging.merged]


def _file_hash(file_field) -> str:
    with file_field.open("rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _read_source(unit: Unit) -> dict:
    with schema_context(unit.schema_name):
        articles = {
            page.title: {
                "live": page.live,
                "lead": page.lead,
                "author": page.author,
                "tags": sorted(page.tags.names()),
                "first_published_at": page.first_published_at,
                "last_published_at": page.last_published_at,
                "featured": _file_hash(page.featured_image.file) if page.featured_image else None,
                "latest_title": page.get_latest_revision_as_object().title,
                "url": page.get_url_parts()[2],
            }
            for page in ArticlePage.objects.all()
        }
        documents = {
            page.number: {
                "live": page.live,
                "issuer": page.issuer,
                "files": sorted(_file_hash(a.document.file) for a in page.attachments.all()),
                "url": page.get_url_parts()[2],
            }
            for page in DocumentPage.objects.all()
        }
        images = dict(get_image_model().objects.values_list("title", "file"))
    return {"articles": articles, "documents": documents, "images": images}


def test_merge_moves_content_files_ledger_search_addresses_and_editors(merging, network):
    survivor = merging.survivor
    a, b = merging.merged
    sources = {unit.code: _read_source(unit) for unit in merging.merged}
    outsider = network.unit("commune_a")
    outsider_before = network_state([outsider], merging)
    outsider_state = {k: outsider_before[k] for k in ("schemas", "media")}
    outsider_ledger = list(Publication.objects.filter(unit=outsider).order_by("pk").values())

    result = merge_units(*_codes(merging))

    assert result.plan.counts[a.code]["editors"] == 2 and result.plan.counts[b.code]["editors"] == 2
    with schema_context(survivor.schema_name):
        news = Page.objects.get(slug="tin-tuc-su-kien")
        for unit in merging.merged:
            section = news.get_children().get(slug=unit.code.lower())
            assert section.title == unit.name  # news under "Tin tức - Sự kiện › <old unit>"
            for title, before in sources[unit.code]["articles"].items():
                page = ArticlePage.objects.child_of(section).get(title=title)
                assert page.live == before["live"]
                assert page.lead == before["lead"] and page.author == before["author"]
                assert sorted(page.tags.names()) == before["tags"]
                assert page.first_published_at == before["first_published_at"]
                assert page.last_published_at == before["last_published_at"]
                assert page.get_latest_revision_as_object().title == before["latest_title"]
                if before["featured"]:
                    assert _file_hash(page.featured_image.file) == before["featured"]
            registry = Page.objects.get(slug="van-ban")
            for number, before in sources[unit.code]["documents"].items():
                page = DocumentPage.objects.child_of(registry).get(number=number)
                assert (page.live, page.issuer) == (before["live"], before["issuer"])
                assert (
                    sorted(_file_hash(x.document.file) for x in page.attachments.all())
                    == before["files"]
                )
        draft = DocumentPage.objects.get(number="3-CV/DU")
        assert not draft.live  # a draft stays a draft
        draft = ArticlePage.objects.get(title="Bản nháp tin mùa vụ")
        assert not draft.live and draft.first_published_at is None
        # The body's image and document link point at the survivor's copies.
        article = ArticlePage.objects.get(title="Lễ ra quân xây dựng nông thôn mới")
        body_image = article.body[0].value["image"]
        assert body_image.pk == article.featured_image_id
        assert body_image.collection.name == a.name
        link = str(article.body[1].value)
        linked = get_document_model().objects.get(title="Kế hoạch phòng chống lụt bão")
        assert f"/documents/{linked.pk}/" in link
        assert sorted(body_image.tags.names()) == ["ra quân"]
        # Pages a section may not hold go under the home, named after the old unit, out of menus.
        intro = IntroductionPage.objects.get(slug=f"{a.code.lower()}-gioi-thieu")
        assert intro.get_parent().slug == "trang-chu" and not intro.show_in_menus
        assert "Đông Phong" in intro.functions
        assert ArticlePage.objects.filter(title="Tin riêng của xã mới").count() == 1
        files = {_file_hash(image.file) for image in get_image_model().objects.all()}
        files |= {_file_hash(doc.file) for doc in get_document_model().objects.all()}
        files |= {_file_hash(media.file) for media in get_media_model().objects.all()}
        assert (
            get_media_model().objects.get(title="Bản tin phát thanh xã").collection.name == a.name
        )
        assert len(get_document_model().objects.all()) == 2
    for unit in merging.merged:
        for key, digest in merging.stored_files([unit]).items():
            if not key.startswith(f"{unit.schema_name}/images/"):  # renditions: made again
                assert digest in files

    # The ledger: the moved pages are the survivor's, under its own addresses.
    survivor_rows = Publication.objects.filter(unit=survivor, status=PublicationStatus.LIVE)
    assert {row.title for row in survivor_rows} >= {
        "Lễ ra quân xây dựng nông thôn mới",
        "Hội nghị sơ kết sáu tháng",
        "Thu hoạch lúa hè thu",
        "Văn bản 12-KH/DU",
        "Văn bản 13-BC/DU",
    }
    assert all(merging.domains[survivor.code] in row.url for row in survivor_rows)
    assert not survivor_rows.filter(title__in=["Bản nháp tin mùa vụ", "Văn bản 3-CV/DU"]).exists()
    assert not Publication.objects.filter(
        unit__in=merging.merged, status=PublicationStatus.LIVE
    ).exists()

    # The PostgreSQL engine finds the moved documents under the survivor only.
    engine = engine_named("postgres")
    hits = engine.search(SearchQuery(text="12-KH/DU", scope="network", unit_id=survivor.pk)).hits
    assert [hit.unit_id for hit in hits if hit.doc_number == "12-KH/DU"] == [survivor.pk]
    for unit in (survivor, *merging.merged):
        found = engine.search(SearchQuery(text="thu hoạch", scope="network", unit_id=unit.pk)).hits
        assert found and {hit.unit_id for hit in found} & {a.pk, b.pk} == set()

    # Old addresses on old domains: 301 to the new page on the survivor's primary domain.
    new_domain = merging.domains[survivor.code]
    for unit in merging.merged:
        client = Client(HTTP_HOST=merging.domains[unit.code])
        for title, before in sources[unit.code]["articles"].items():
            if not before["live"]:
                continue
            response = client.get(before["url"])
            assert response.status_code == 301
            location = response["Location"]
            assert location.startswith(f"http://{new_domain}/tin-tuc-su-kien/{unit.code.lower()}/")
            page = Client(HTTP_HOST=new_domain).get(location.split(new_domain, 1)[1])
            assert page.status_code == 200 and title in page.content.decode()
        for before in sources[unit.code]["documents"].values():
            if before["live"]:
                response = client.get(before["url"])
                assert response.status_code == 301 and "/van-ban/" in response["Location"]
        if unit == a:
            # Stored names carry a random folder (portal.tenancy.storage).
            stored = sources[unit.code]["images"]["Ảnh lễ ra quân"]
            old_file = client.get(f"/media/{stored}")
            assert old_file.status_code == 301
            folder = stored.rsplit("/", 1)[0]
            assert old_file["Location"].startswith(f"http://{new_domain}/media/{folder}/le-ra-quan")
        unknown = client.get("/khong-co-trang-nay/")
        assert (unknown.status_code, unknown["Location"]) == (301, f"http://{new_domain}/")

    # Editors: the same roles in the survivor, nothing left behind.
    with schema_context(survivor.schema_name):
        held = set(UnitRole.objects.values_list("user_id", "group__name"))
    users = merging.users
    assert {
        (users["a_editor"].pk, "Biên tập viên"),
        (users["a_contributor"].pk, "Cộng tác viên"),
        (users["b_admin"].pk, "Quản trị viên"),
        (users["shared"].pk, "Biên tập viên"),
        (users["shared"].pk, "Cộng tác viên"),
    } <= held
    for unit in merging.merged:
        with schema_context(unit.schema_name):
            assert not UnitRole.objects.exists()

    # Archived, with the note of the merge.
    for unit in merging.merged:
        unit = merging.unit(unit)
        assert unit.status == UnitStatus.ARCHIVED and unit.archived_at is not None
        assert MergedUnit.objects.get(unit=unit).survivor == survivor
    out = io.StringIO()
    call_command("units", "--json", stdout=out)
    rows = {row["code"]: row for row in json.loads(out.getvalue())}
    assert rows[a.code]["notes"]["merged_into"]["code"] == survivor.code
    assert rows[survivor.code]["notes"] == {}

    # A unit outside the merge is untouched.
    after = network_state([outsider], merging)
    assert {k: after[k] for k in ("schemas", "media")} == outsider_state
    assert (
        list(Publication.objects.filter(unit=outsider).order_by("pk").values()) == outsider_ledger
    )


def test_a_merge_is_in_the_audit_log_only_once_done(merging):
    survivor, merged = _codes(merging)
    merge_units(survivor, merged, dry_run=True)
    assert not AuditEntry.objects.filter(action="unit.merged").exists()
    merge_units(survivor, merged)
    entries = AuditEntry.objects.filter(action="unit.merged").order_by("unit_code")
    assert [(e.unit_code, e.target) for e in entries] == [
        (code, survivor) for code in sorted(merged)
    ]
    assert all(e.details["into"] == survivor and e.details["pages"] > 0 for e in entries)


def test_running_the_same_merge_again_is_refused(merging):
    merge_units(*_codes(merging))
    before = network_state([merging.survivor, *merging.merged], merging)
    with pytest.raises(MergeError, match="đã được sáp nhập"):
        merge_units(*_codes(merging))
    assert network_state([merging.survivor, *merging.merged], merging) == before


def test_a_merge_failing_after_pages_were_copied_changes_nothing(merging):
    units = [merging.survivor, *merging.merged]
    with schema_context(merging.survivor.schema_name):
        # The survivor already has B's document (same number, issuer and year):
        # B's pages are copied before that duplicate breaks the merge.
        document("13-BC/DU", issuer="Đảng ủy xã Tây Phong")
    before = network_state(units, merging)
    with pytest.raises(MergeError, match="13-BC/DU"):
        merge_units(*_codes(merging))
    assert network_state(units, merging) == before


def test_the_same_number_from_another_issuer_moves_beside_the_survivors(merging):
    """Every commune's party committee numbers its own documents: "12-KH/DU" twice is normal."""
    with schema_context(merging.survivor.schema_name):
        own = document("12-KH/DU", issuer="Đảng ủy xã Phong Hòa")
    merge_units(*_codes(merging))
    with schema_context(merging.survivor.schema_name):
        same_number = DocumentPage.objects.filter(number="12-KH/DU")
        assert sorted(same_number.values_list("issuer", flat=True)) == [
            "Đảng ủy xã Phong Hòa",
            "Đảng ủy xã Đông Phong",
        ]
        assert same_number.get(issuer="Đảng ủy xã Phong Hòa").pk == own.pk


def test_dry_run_reports_and_changes_nothing(merging):
    units = [merging.survivor, *merging.merged]
    before = network_state(units, merging)
    out = io.StringIO()
    call_command(
        "merge_units", *_codes(merging)[1], into=merging.survivor.code, dry_run=True, stdout=out
    )
    assert "Would merge" in out.getvalue() and "dry run" in out.getvalue()
    assert network_state(units, merging) == before


@pytest.mark.parametrize(
    "case, message",
    [
        ("itself", "into itself"),
        ("ancestor", "its own descendant"),
        ("children", "has units under it"),
        ("archived", "archived"),
        ("unknown", "No unit"),
    ],
)
def test_nonsense_merges_are_refused_in_plain_words(merging, network, case, message):
    a = merging.merged[0]
    survivor, codes = merging.survivor.code, [a.code]
    if case == "itself":
        codes = [survivor]
    elif case == "ancestor":
        survivor, codes = a.code, [network.units["province"].code]
    elif case == "children":
        codes = [network.units["district_a"].code]
    elif case == "archived":
        Unit.objects.filter(pk=a.pk).update(status=UnitStatus.ARCHIVED)
    elif case == "unknown":
        codes = ["KHONG-CO"]
    before = network_state([merging.survivor, a], merging)
    with pytest.raises(CommandError, match=message):
        call_command("merge_units", *codes, into=survivor, stdout=io.StringIO())
    assert network_state([merging.survivor, a], merging) == before


def test_copies_are_the_survivors_served_on_its_host_only_and_originals_stay(merging, network):
    survivor, a = merging.survivor, merging.merged[0]
    a_files = merging.stored_files([a])
    merge_units(*_codes(merging))
    with schema_context(survivor.schema_name):
        plan = get_document_model().objects.get(title="Kế hoạch phòng chống lụt bão")
        image = get_image_model().objects.get(title="Ảnh lễ ra quân")
        rendition = image.renditions.get()  # made in the survivor by the ledger, in the merge
        files = [plan.file, image.file, rendition.file]
        expected = {
            plan.url: _file_hash(plan.file),
            **{f"/media/{f.name}": _file_hash(f) for f in files},
        }
    stored = merging.stored_files([survivor])
    assert {f"{survivor.schema_name}/{f.name}" for f in files} <= set(stored)
    on_survivor = Client(HTTP_HOST=merging.domains[survivor.code])
    elsewhere = client_for(network, "commune_a")
    for url, digest in expected.items():
        response = on_survivor.get(url)
        assert response.status_code == 200, url
        assert hashlib.sha256(_body(response)).hexdigest() == digest, url
        assert elsewhere.get(url).status_code == 404, url
    # The merged unit keeps its own files, as it keeps its pages (archived, not deleted).
    assert merging.stored_files([a]) == a_files


def test_a_file_missing_from_storage_leaves_the_merge_undone(merging, network):
    """Confirmed in the console: the form says which file, and nothing changed."""
    units = [merging.survivor, *merging.merged]
    b = merging.merged[1]
    with schema_context(b.schema_name):
        report = get_document_model().objects.get(title="Báo cáo kết quả thu hoạch")
        name, storage = report.file.name, report.file.storage
        with storage.open(name, "rb") as stream:
            content = stream.read()
        storage.delete(name)
    try:
        before = network_state(units, merging)
        admin = client_for(network, "province", network.users["network_admin"])
        # B's document fails after A's files, pages and renditions were written.
        response = admin.post(
            "/admin/sap-nhap/",
            {"survivor": merging.survivor.code, "merged": _codes(merging)[1], "confirm": "1"},
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert f"Không chép được tệp “{name}” của {b.name}" in page
        assert network_state(units, merging) == before
    finally:
        with schema_context(b.schema_name):
            assert storage.save(name, io.BytesIO(content)) == name  # for the module's next tests


def test_a_storage_out_of_reach_leaves_the_merge_undone(merging, settings, tmp_path):
    units = [merging.survivor, *merging.merged]
    before = network_state(units, merging)
    if merging.on_s3:  # nothing listens on the discard port
        closed = media_storage(
            object_store.environment(PORTAL_MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:9")
        )
        closed["OPTIONS"]["client_config"] = Config(retries={"max_attempts": 1}, connect_timeout=2)
        settings.STORAGES = {**settings.STORAGES, "default": closed}
    else:  # a media folder that cannot be one: under a plain file
        (tmp_path / "a-file").write_text("")
        settings.MEDIA_ROOT = str(tmp_path / "a-file" / "media")
    with pytest.raises(MergeError, match="Kho lưu trữ tệp không trả lời"):
        merge_units(*_codes(merging))
    assert network_state(units, merging) == before
