"""Monthly video briefs: upload or embed, poster and duration from ffmpeg, captions and
transcript, monthly archive, home block, a district's briefs on the province's video page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from plugins.video_briefs.models import VideoArchivePage, VideoBriefPage
from portal.publications.models import Publication
from tests.conftest import client_for
from tests.extensions.helpers import disable, enable, publish_child
from tests.plugins.forms import submit_page_form
from tests.plugins.video_briefs.conftest import archive, upload_media

pytestmark = pytest.mark.django_db

VTT = """WEBVTT

1
00:00:00.500 --> 00:00:02.000
<v Phát thanh viên>Kính chào quý vị khán giả.

00:00:02.000 --> 00:00:03.000
Huyện Núi Đỏ khánh thành cầu treo bản Pắc Ma.
"""


def create_url(network, key):
    return f"/admin/pages/add/plugin_video_briefs/videobriefpage/{archive(network, key).pk}/"


def add_brief(network, key, number, month=5, year=2025, **fields):
    """A published brief made directly in the unit's schema (embedded, unless a video is given)."""
    with schema_context(network.units[key].schema_name):
        if "video" not in fields:
            fields.setdefault("embed_url", "https://video.example.vn/diem-tin")
        brief = VideoBriefPage(
            title=f"Điểm tin {key} số {number}",
            slug=f"so-{number}-{year}",
            issue_number=number,
            month=month,
            year=year,
            **fields,
        )
        brief.full_clean(exclude=["path", "depth"])
        return publish_child(VideoArchivePage.objects.get(), brief)


def test_enabling_gives_the_unit_one_video_page(briefs):
    with schema_context(briefs.units["district_a"].schema_name):
        assert VideoArchivePage.objects.filter(live=True).count() == 1
    disable(briefs, "district_a", "plugin_video_briefs")
    enable(briefs, "district_a", "plugin_video_briefs")
    with schema_context(briefs.units["district_a"].schema_name):
        assert VideoArchivePage.objects.count() == 1
    with schema_context(briefs.units["district_b"].schema_name):
        assert not VideoArchivePage.objects.exists()


def test_communes_cannot_have_video_briefs(briefs):
    from portal.extensions.activation import ActivationRefused

    with pytest.raises(ActivationRefused, match="không dành cho cấp"):
        enable(briefs, "commune_a", "plugin_video_briefs")


def test_uploaded_video_gets_poster_duration_and_captions(briefs, sample_video):
    media = upload_media(briefs, "district_a", sample_video)
    client = client_for(briefs, "district_a", briefs.users["district_a_editor"])
    response = submit_page_form(
        client,
        create_url(briefs, "district_a"),
        {
            "title": "Điểm tin tháng 5/2025",
            "slug": "thang-5-2025",
            "issue_number": "5",
            "month": "5",
            "year": "2025",
            "video": str(media.pk),
            "summary": "Cầu treo mới.",
            "captions_file": SimpleUploadedFile("phu-de.vtt", VTT.encode()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with schema_context(briefs.units["district_a"].schema_name):
        brief = VideoBriefPage.objects.get(slug="thang-5-2025")
        assert brief.live and brief.duration == 3
        assert brief.poster is not None and brief.poster.width == 160
        assert brief.transcript.splitlines() == [
            "Kính chào quý vị khán giả.",
            "Huyện Núi Đỏ khánh thành cầu treo bản Pắc Ma.",
        ]
    public = client_for(briefs, "district_a")
    page = public.get("/diem-tin-video/thang-5-2025/").content.decode()
    assert '<track kind="captions" srclang="vi"' in page and "Pắc Ma" in page
    vtt = public.get("/diem-tin-video/thang-5-2025/phu-de/")
    assert vtt["Content-Type"].startswith("text/vtt") and vtt.content.decode() == VTT
    row = Publication.objects.get(unit=briefs.unit("district_a"), kind="video-brief")
    assert "cầu treo bản Pắc Ma" in row.body_text and row.image_url


def test_without_ffmpeg_the_poster_must_be_uploaded(briefs, sample_video, monkeypatch):
    media = upload_media(briefs, "district_a", sample_video)
    monkeypatch.setenv("PATH", "/nonexistent")
    client = client_for(briefs, "district_a", briefs.users["district_a_editor"])
    response = submit_page_form(
        client,
        create_url(briefs, "district_a"),
        {
            "title": "Không ảnh bìa",
            "slug": "khong-anh-bia",
            "issue_number": "6",
            "month": "6",
            "year": "2025",
            "video": str(media.pk),
        },
    )
    assert response.status_code == 200
    assert "hãy tải ảnh bìa lên" in response.content.decode()
    with schema_context(briefs.units["district_a"].schema_name):
        assert not VideoBriefPage.objects.filter(slug="khong-anh-bia").exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"embed_url": ""}, "Chọn một video tải lên hoặc nhập địa chỉ video nhúng"),
        ({"embed_url": "http://video.example.vn/a"}, "phải bắt đầu bằng https://"),
        (
            {"captions": "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nNgược\n"},
            "Dòng 3: thời điểm kết thúc",
        ),
        ({"captions": "Phụ đề\n"}, "bắt đầu bằng dòng"),
        ({"issue_number": "1"}, "Năm 2025 đã có bản tin số 1"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(briefs, fields, message):
    add_brief(briefs, "district_a", 1)
    client = client_for(briefs, "district_a", briefs.users["district_a_editor"])
    data = {
        "title": "Bản tin lỗi",
        "slug": "ban-tin-loi",
        "issue_number": "2",
        "month": "6",
        "year": "2025",
        "embed_url": "https://video.example.vn/b",
    }
    data.update(fields)
    response = submit_page_form(client, create_url(briefs, "district_a"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    with schema_context(briefs.units["district_a"].schema_name):
        assert not VideoBriefPage.objects.filter(slug="ban-tin-loi").exists()


def test_embedded_brief_links_to_the_station_offline(briefs):
    add_brief(briefs, "district_a", 3)
    page = client_for(briefs, "district_a").get("/diem-tin-video/so-3-2025/")
    assert page.status_code == 200
    assert 'href="https://video.example.vn/diem-tin"' in page.content.decode()


def test_archive_groups_by_month_and_filters_by_year(briefs):
    add_brief(briefs, "district_a", 1, month=12, year=2024)
    add_brief(briefs, "district_a", 1, month=1, year=2025)
    add_brief(briefs, "district_a", 2, month=2, year=2025)
    client = client_for(briefs, "district_a")
    body = client.get("/diem-tin-video/").content.decode()
    assert body.index("Tháng 02/2025") < body.index("Tháng 01/2025") < body.index("Tháng 12/2024")
    only_2024 = client.get("/diem-tin-video/?nam=2024").content.decode()
    assert "Tháng 12/2024" in only_2024 and "Tháng 01/2025" not in only_2024


def test_home_block_shows_the_latest_brief_only_where_active(briefs):
    add_brief(briefs, "district_a", 1, month=4)
    add_brief(briefs, "district_a", 2, month=5)
    home = client_for(briefs, "district_a").get("/").content.decode()
    assert 'class="video-brief-block"' in home and "Điểm tin district_a số 2" in home
    assert "Điểm tin district_a số 1" not in home
    assert (
        'class="video-brief-block"'
        not in client_for(briefs, "district_b").get("/").content.decode()
    )


def test_province_video_page_shows_the_districts_briefs(briefs):
    enable(briefs, "district_b", "plugin_video_briefs")
    add_brief(briefs, "district_a", 7)
    add_brief(briefs, "district_b", 8)
    disable(briefs, "district_b", "plugin_video_briefs")  # B's brief leaves the network
    page = client_for(briefs, "province").get("/diem-tin-video/").content.decode()
    assert "Điểm tin district_a số 7" in page and briefs.units["district_a"].name in page
    assert "Điểm tin district_b số 8" not in page
    own = client_for(briefs, "district_a").get("/diem-tin-video/").content.decode()
    assert "các đơn vị trực thuộc" not in own  # district A has no unit below with briefs


def test_pages_and_admin_vanish_where_disabled_and_return(briefs):
    brief = add_brief(briefs, "district_a", 9)
    admin = client_for(briefs, "district_a", briefs.users["network_admin"])
    disable(briefs, "district_a", "plugin_video_briefs")
    assert client_for(briefs, "district_a").get("/diem-tin-video/so-9-2025/").status_code == 404
    assert admin.get(f"/admin/pages/{brief.pk}/edit/").status_code == 404
    enable(briefs, "district_a", "plugin_video_briefs")
    assert client_for(briefs, "district_a").get("/diem-tin-video/so-9-2025/").status_code == 200
    assert admin.get(f"/admin/pages/{brief.pk}/edit/").status_code == 200


def test_settings_panel_for_the_units_administrator_only_where_active(briefs):
    url = "/admin/settings/plugin_video_briefs/videobriefsettings/"
    admin_a = client_for(briefs, "district_a", briefs.users["district_a_admin"])
    admin_b = client_for(briefs, "district_b", briefs.users["district_b_admin"])
    assert url in admin_a.get("/admin/").content.decode()
    assert url not in admin_b.get("/admin/").content.decode()
    assert admin_b.get(url).status_code == 404
    form = admin_a.get(url, follow=True)
    assert form.status_code == 200
    response = admin_a.post(
        form.redirect_chain[-1][0] if form.redirect_chain else url,
        {"default_producer": "Đài PT-TH huyện Núi Đỏ"},
    )
    assert response.status_code == 302
    add_brief(briefs, "district_a", 4)
    client = client_for(briefs, "district_a")
    assert "Đài PT-TH huyện Núi Đỏ" in client.get("/diem-tin-video/so-4-2025/").content.decode()
    # show_on_home was left unticked in the form: the home block disappears.
    assert 'class="video-brief-block"' not in client.get("/").content.decode()


def test_the_media_library_exists_only_where_briefs_are_on(briefs):
    """wagtailmedia serves only the briefs: its menu item and screens follow the plugin."""
    admin_a = client_for(briefs, "district_a", briefs.users["district_a_admin"])
    admin_b = client_for(briefs, "district_b", briefs.users["district_b_admin"])
    assert "/admin/media/" in admin_a.get("/admin/").content.decode()
    assert admin_a.get("/admin/media/").status_code == 200
    assert "/admin/media/" not in admin_b.get("/admin/").content.decode()
    assert admin_b.get("/admin/media/").status_code == 404
    assert admin_b.get("/admin/media/add/video/").status_code == 404
