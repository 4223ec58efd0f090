import subprocess
from pathlib import Path

import pytest
from django.core.files import File
from django_tenants.utils import schema_context
from wagtailmedia.models import Media

from plugins.video_briefs.models import VideoArchivePage
from tests.extensions.helpers import enable


@pytest.fixture
def briefs(network, settings, tmp_path):
    """Video briefs active in the province and district A; district B has none."""
    settings.MEDIA_ROOT = tmp_path / "media"
    enable(network, "province", "plugin_video_briefs")
    enable(network, "district_a", "plugin_video_briefs")
    return network


def archive(network, key) -> VideoArchivePage:
    with schema_context(network.units[key].schema_name):
        return VideoArchivePage.objects.get()


@pytest.fixture(scope="session")
def sample_video(tmp_path_factory) -> Path:
    """A real 3-second MP4 (a test pattern), made with ffmpeg."""
    path = tmp_path_factory.mktemp("video") / "diem-tin.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=3:size=160x120:rate=10",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
        timeout=120,
    )
    return path


def upload_media(network, key, path: Path, title="Điểm tin tháng 5") -> Media:
    with schema_context(network.units[key].schema_name), path.open("rb") as f:
        media = Media(title=title, type="video")
        media.file.save(path.name, File(f), save=False)
        media.save()
        return media
