"""`manage.py import_documents`: file checks, metadata from sidecars and text, the import itself.

Fixtures are generated here: real PDFs (fpdf2 with a Unicode TTF font, so the
Vietnamese text survives extraction), DOCX (python-docx) and UTF-8 text, laid
out like party and state documents (the header in two columns).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from datetime import date
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django_tenants.utils import schema_context
from fpdf import FPDF
from wagtail.documents import get_document_model
from wagtail.models import Revision

from portal.publications.models import Publication
from sites.importing import ImportProblem, extract, filetypes, importer, metadata
from sites.importing.filetypes import FileKind, UnacceptableFile
from sites.importing.importer import Status
from sites.models import Confidentiality, DocumentPage

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# A document is a list of rows: a string spans the page, a (left, right) pair
# is the two-column layout of the header and the signature block.
Row = str | tuple[str, str]


def notice(
    number: str = "374-TB/HU",
    date_line: str = "Tam Giang, ngày 22 tháng 7 năm 2013",
    abstract: tuple[str, ...] = (
        "Kết luận của Thường trực Huyện ủy về công tác phòng, chống lụt bão",
        "và tìm kiếm cứu nạn năm 2013",
    ),
) -> list[Row]:
    """A notice of a district party committee, as printed."""
    return [
        ("ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("HUYỆN ỦY TAM GIANG", ""),
        ("*", ""),
        (f"Số {number}", date_line),
        "THÔNG BÁO",
        *abstract,
        "-----",
        "Ngày 19/7/2013, Thường trực Huyện ủy họp nghe báo cáo của Ban Chỉ huy phòng, chống",
        "lụt bão huyện. Thực hiện Nghị quyết số 12-NQ/TW của Bộ Chính trị, Thường trực kết luận:",
        "1. Các xã, thị trấn chủ động phương án sơ tán dân ở vùng trũng thấp.",
        ("Nơi nhận:", "T/M BAN THƯỜNG VỤ"),
        ("- Ban Thường vụ Tỉnh ủy,", "PHÓ BÍ THƯ"),
        ("- Lưu Văn phòng Huyện ủy.", ""),
        ("", "Nguyễn Văn An"),
    ]


@pytest.fixture
def font() -> Path:
    if not FONT.exists():
        pytest.fail(f"{FONT} is missing: install fonts-dejavu-core (make test does)")
    return FONT


def write_pdf(path: Path, rows: list[Row], font: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=10)
    for row in rows:
        if isinstance(row, tuple):
            pdf.cell(95, 6, row[0])
            pdf.cell(95, 6, row[1], new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.cell(0, 6, row, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_docx(path: Path, rows: list[Row]) -> Path:
    document = docx.Document()
    table = None
    for row in rows:
        if isinstance(row, tuple):
            if table is None:
                table = document.add_table(rows=0, cols=2)
            cells = table.add_row().cells
            cells[0].text, cells[1].text = row
        else:
            table = None
            document.add_paragraph(row)
    document.save(str(path))
    return path


def write_txt(path: Path, rows: list[Row]) -> Path:
    lines = [f"{row[0]:<40}{row[1]}".rstrip() if isinstance(row, tuple) else row for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_sidecar(path: Path, **data) -> Path:
    sidecar = metadata.sidecar_path(path)
    sidecar.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return sidecar


COMPLETE = {
    "number": "05-TB/HU",
    "type": "Thông báo",
    "issuer": "Huyện ủy Tam Giang",
    "signer": "Nguyễn Văn An",
    "issued": "2024-03-05",
    "abstract": "Kết luận của Ban Thường vụ Huyện ủy về chuyển đổi số",
    "publish": True,
}


def en(message) -> str:
    """A message as the command prints it (in English, once translations exist)."""
    with translation.override("en"):
        return str(message)


# --- File checks -------------------------------------------------------------


def test_real_files_are_recognised_by_content(tmp_path, font):
    assert filetypes.check_path(write_pdf(tmp_path / "a.pdf", notice(), font)) == FileKind.PDF
    assert filetypes.check_path(write_docx(tmp_path / "a.docx", notice())) == FileKind.DOCX
    assert filetypes.check_path(write_txt(tmp_path / "a.TXT", notice())) == FileKind.TXT


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content",
    [
        ("random.pdf", os.urandom(4096)),
        ("text.pdf", "Số 374-TB/HU".encode()),
        ("plain.docx", b"not a zip at all"),
        ("other.docx", _zip({"content.xml": "<x/>"})),  # a zip, but no word/document.xml
        ("old-word.txt", bytes.fromhex("d0cf11e0a1b11ae1") + os.urandom(512)),  # a .doc
        ("utf16.txt", "Thông báo".encode("utf-16")),
        ("latin1.txt", "Thông báo".encode("cp1258")),
        ("empty.pdf", b""),
        ("pdf-named.docx", b"%PDF-1.7\n"),
        ("program.exe", b"MZ\x90\x00"),
    ],
)
def test_disguised_or_unsupported_files_are_refused(name, content):
    with pytest.raises(UnacceptableFile):
        filetypes.check(io.BytesIO(content), name)


def test_size_limit_and_position_are_kept():
    upload = io.BytesIO(b"%PDF-1.7\n" + b"0" * 2048)
    upload.seek(5)
    with pytest.raises(UnacceptableFile):
        filetypes.check(upload, "big.pdf", max_bytes=1024)
    assert filetypes.check(upload, "big.pdf") == FileKind.PDF
    assert upload.tell() == 5


def test_damaged_pdf_and_unreadable_docx_are_import_problems(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4\n" + os.urandom(2048))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(_zip({"word/document.xml": "not xml"}))
    for path in (damaged, broken):
        with pytest.raises(ImportProblem):
            extract.read_text(path)


# --- Metadata read from the text --------------------------------------------


@pytest.mark.parametrize("kind", ["pdf", "docx", "txt"])
def test_text_of_a_notice_gives_its_metadata(tmp_path, font, kind):
    path = tmp_path / f"thong-bao.{kind}"
    writers = {
        "pdf": lambda: write_pdf(path, notice(), font),
        "docx": lambda: write_docx(path, notice()),
        "txt": lambda: write_txt(path, notice()),
    }
    writers[kind]()
    found = metadata.parse_text(extract.read_text(path)[1])
    assert found.number == "374-TB/HU"
    assert found.doc_type == "thong-bao"
    assert found.issued == date(2013, 7, 22)
    assert found.issuer == "HUYỆN ỦY TAM GIANG"
    assert found.abstract == (
        "Kết luận của Thường trực Huyện ủy về công tác phòng, chống lụt bão"
        " và tìm kiếm cứu nạn năm 2013"
    )
    assert found.signer == "Nguyễn Văn An"
    assert found.missing() == []


def test_text_of_a_state_document_and_of_an_official_letter():
    decision = metadata.parse_text(
        "UBND HUYỆN TAM GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "UBND XÃ PHÚ HẢI Độc lập - Tự do - Hạnh phúc\n"
        "Số: 164 / tb-ubnd Phú Hải, ngày 03 tháng 10 năm 2024\n"
        "BÁO CÁO\n"
        "về kết quả thu ngân sách 9 tháng đầu năm 2024\n"
    )
    assert (decision.number, decision.doc_type, decision.issuer) == (
        "164/TB-UBND",
        "bao-cao",
        "UBND XÃ PHÚ HẢI",
    )
    assert decision.issued == date(2024, 10, 3)
    assert decision.abstract == "về kết quả thu ngân sách 9 tháng đầu năm 2024"

    letter = metadata.parse_text(
        "HUYỆN ỦY TAM GIANG\nSố 88-CV/HU\nV/v góp ý dự thảo văn kiện\n"
        "Tam Giang, ngày 2 tháng 1 năm 2025\nKính gửi: các chi, đảng bộ cơ sở\n"
    )
    assert (letter.doc_type, letter.abstract) == ("cong-van", "góp ý dự thảo văn kiện")


def test_a_cited_number_in_the_body_is_not_the_documents_number():
    found = metadata.parse_text(
        "HUYỆN ỦY TAM GIANG\nTHÔNG BÁO\nvề học tập nghị quyết\n"
        "Thực hiện Nghị quyết\nsố 12-NQ/TW ngày 5 tháng 1 năm 2012\n"
    )
    assert found.number == "" and "number" in found.missing()


# --- Sidecars -----------------------------------------------------------------


def test_sidecar_accepts_labels_slugs_and_both_date_forms(tmp_path):
    sidecar = write_sidecar(
        tmp_path / "a.pdf",
        **{**COMPLETE, "number": "Số: 5 - tb/hu", "type": "thong-bao", "issued": "05/03/2024"},
        effective="2024-04-01",
        confidentiality="Mật",
        field=None,
    )
    found = metadata.read_sidecar(sidecar)
    assert (found.number, found.doc_type, found.confidentiality) == ("5-TB/HU", "thong-bao", "mat")
    assert (found.issued, found.effective, found.field) == (date(2024, 3, 5), date(2024, 4, 1), "")
    assert metadata.read_sidecar(write_sidecar(tmp_path / "b.pdf", type="KẾT LUẬN")).doc_type == (
        "ket-luan"
    )


@pytest.mark.parametrize(
    "data",
    [
        {**COMPLETE, "so_hieu": "05-TB/HU"},  # unknown key
        {**COMPLETE, "publish": "yes"},
        {**COMPLETE, "number": 5},
        {**COMPLETE, "issued": "2024-02-30"},
        {**COMPLETE, "issued": "5 March 2024"},
        {**COMPLETE, "effective": "2024-03-01"},  # before issued
        {**COMPLETE, "number": "TB-05"},
        {**COMPLETE, "type": "Thư mời"},
        {**COMPLETE, "confidentiality": "Nội bộ"},
        {**COMPLETE, "issuer": "H" * 201},
        ["05-TB/HU"],
    ],
)
def test_bad_sidecars_are_refused(tmp_path, data):
    sidecar = metadata.sidecar_path(tmp_path / "a.pdf")
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportProblem, match="a.pdf.meta.json"):
        metadata.read_sidecar(sidecar)


def test_sidecar_that_is_not_json_is_refused(tmp_path):
    sidecar = metadata.sidecar_path(tmp_path / "a.pdf")
    sidecar.write_text("{number: 5}", encoding="utf-8")
    with pytest.raises(ImportProblem):
        metadata.read_sidecar(sidecar)


# --- The import ---------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def run(code: str, *paths: Path) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("import_documents", "--unit", code, *map(str, paths), stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def line_for(output: str, name: str) -> str:
    [line] = [line for line in output.splitlines() if f"/{name}:" in line]
    return line


def stored_files(unit) -> int:
    with schema_context(unit.schema_name):
        return get_document_model().objects.count()


def documents(unit):
    with schema_context(unit.schema_name):
        return {page.number or page.slug: page for page in DocumentPage.objects.all()}


@pytest.fixture
def archive(tmp_path, font) -> Path:
    """A folder as offices keep them: sidecars, bare documents, rubbish and a subfolder."""
    folder = tmp_path / "luu-tru"
    (folder / "2013").mkdir(parents=True)
    write_sidecar(write_pdf(folder / "chuyen-doi-so.pdf", notice("05-TB/HU"), font), **COMPLETE)
    write_docx(folder / "2013" / "thong-bao-374.docx", notice())
    write_sidecar(
        write_txt(folder / "thieu-trich-yeu.txt", notice("06-TB/HU")),
        **{**COMPLETE, "number": "06-TB/HU", "abstract": None},
    )
    write_sidecar(
        write_pdf(folder / "mat.pdf", notice("07-TB/HU"), font),
        **{**COMPLETE, "number": "07-TB/HU", "confidentiality": "Tối mật"},
    )
    write_txt(
        folder / "khong-so.txt",
        notice(number="", date_line="Tam Giang, ngày 1 tháng 6 năm 2020", abstract=("về lễ hội",)),
    )
    (folder / "hong.pdf").write_bytes(os.urandom(3000))
    (folder / "gia.docx").write_bytes(b"PK but not really a Word document")
    write_sidecar(write_txt(folder / "mo-ta-sai.txt", notice("08-TB/HU")), so_hieu="08-TB/HU")
    (folder / "bang-tinh.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    return folder


@pytest.mark.django_db
def test_an_archive_is_imported_and_bad_files_are_reported(network, media, archive):
    unit = network.unit("district_a")
    output, error = run("TN-HA", archive)

    assert error is not None, "failures make the exit status non-zero"
    published = documents(unit)["05-TB/HU"]
    assert published.live and published.doc_type == "thong-bao"
    assert (
        published.title
        == "Thông báo số 05-TB/HU: Kết luận của Ban Thường vụ Huyện ủy về chuyển đổi số"
    )
    assert en(Status.PUBLISHED.label) in line_for(output, "chuyen-doi-so.pdf")
    with schema_context(unit.schema_name):
        stored = published.attachments.get().document
        assert stored.file_hash and (media / unit.schema_name / stored.file.name).exists()

    read = documents(unit)["374-TB/HU"]
    assert not read.live and read.has_unpublished_changes and read.latest_revision_id
    assert (read.issuer, read.issued, read.signer) == (
        "HUYỆN ỦY TAM GIANG",
        date(2013, 7, 22),
        "Nguyễn Văn An",
    )
    assert read.abstract.startswith("Kết luận của Thường trực Huyện ủy")
    assert en(Status.DRAFT.label) in line_for(output, "thong-bao-374.docx")

    incomplete = documents(unit)["06-TB/HU"]
    assert not incomplete.live and "abstract" in line_for(output, "thieu-trich-yeu.txt")

    numberless = documents(unit)["khong-so"]
    assert not numberless.live and numberless.issued == date(2020, 6, 1)

    for name in ("hong.pdf", "gia.docx", "mo-ta-sai.txt"):
        assert en(Status.FAILED.label) in line_for(output, name)
    assert "so_hieu" in line_for(output, "mo-ta-sai.txt")
    assert en(Status.SKIPPED.label) in line_for(output, "bang-tinh.xls")
    # One line per document file: no line for the sidecars or the hidden file.
    assert sum(line.startswith(f"{archive}/") for line in output.splitlines()) == 9
    assert en(Status.REFUSED.label) in line_for(output, "mat.pdf")
    assert len(documents(unit)) == 4
    # The drafts are listed for an editor, with their admin addresses.
    assert f"huyen-a.test.localhost/admin/pages/{read.pk}/edit/" in output


@pytest.mark.django_db
def test_a_classified_document_is_refused_and_nothing_is_written(network, media, archive):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        counts_before = (Revision.objects.count(), get_document_model().objects.count())
    ledger_before = Publication.objects.filter(unit=unit).count()

    output, error = run("TN-HA", archive / "mat.pdf")

    assert error is None, "a refusal is reported, not a failure of the import"
    line = line_for(output, "mat.pdf")
    assert en(Status.REFUSED.label) in line and en(Confidentiality.TOP_SECRET.label) in line
    assert en(Status.DRAFT.label) not in output
    assert "07-TB/HU" not in documents(unit)
    with schema_context(unit.schema_name):
        assert (Revision.objects.count(), get_document_model().objects.count()) == counts_before
    assert not list((media / unit.schema_name).rglob("mat.pdf")), "no file in storage"
    assert Publication.objects.filter(unit=unit).count() == ledger_before


@pytest.mark.django_db
def test_a_second_run_imports_nothing_new(network, media, archive):
    unit = network.unit("district_a")
    run("TN-HA", archive)
    before = {key: page.pk for key, page in documents(unit).items()}
    files_before = stored_files(unit)

    second, error = run("TN-HA", archive)

    assert {key: page.pk for key, page in documents(unit).items()} == before
    assert stored_files(unit) == files_before
    for name in ("chuyen-doi-so.pdf", "thong-bao-374.docx", "khong-so.txt"):
        assert line_for(second, name).endswith(f"({en(importer.ALREADY_IMPORTED)})")
    assert en(Status.REFUSED.label) in line_for(second, "mat.pdf")
    assert error is not None, "the bad files still fail"


@pytest.mark.django_db
def test_the_other_units_get_nothing(network, media, archive):
    units = ("province", "district_a", "district_b", "commune_a")
    before = {key: len(documents(network.unit(key))) for key in units}

    run("TN-HA", archive)

    assert {key: len(documents(network.unit(key))) for key in units} == {
        **before,
        "district_a": before["district_a"] + 4,
    }


@pytest.mark.django_db
def test_an_unknown_unit_or_path_is_refused(network, media, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_documents", "--unit", "KHONG-CO", str(tmp_path), stdout=StringIO())
    output, error = run("TN-HA", tmp_path / "khong-co.pdf")
    assert error is not None and en(Status.FAILED.label) in output


@pytest.mark.django_db
def test_a_document_without_an_issue_date_fails_with_advice(network, media, tmp_path):
    scan = tmp_path / "ban-quet.pdf"
    pdf = FPDF()
    pdf.add_page()  # a scan: a page without a text layer
    pdf.output(str(scan))

    output, error = run("TN-HA", scan)

    assert error is not None
    assert "ban-quet.pdf.meta.json" in line_for(output, "ban-quet.pdf")


@pytest.mark.django_db
def test_two_drafts_without_numbers_from_one_year_are_both_imported(network, media, tmp_path):
    for name, abstract in (("a.txt", "về lễ hội"), ("b.txt", "về thể thao")):
        write_txt(
            tmp_path / name,
            notice(number="", date_line="Tam Giang, ngày 1 tháng 6 năm 2020", abstract=(abstract,)),
        )

    _output, error = run("TN-HA", tmp_path)

    assert error is None
