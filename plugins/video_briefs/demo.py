"""A sample video brief for the demo network: a short real video made with ffmpeg, captioned.

The video is a 6-second cross-fade between two of the demo's drawn scenes
(640×360 H.264, about 100 KB), with WebVTT captions.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from django.core.files import File
from django.utils import timezone
from wagtailmedia.models import Media

from sites import demo_scenes

from . import ffmpeg, posters
from .models import VideoArchivePage, VideoBriefPage

SECONDS = 6
CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:03.000
Điểm tin tháng này: lễ chào cờ và hội nghị giao ban đầu tháng.

00:00:03.000 --> 00:00:06.000
Bà con nông dân chăm sóc lúa vụ mới (nội dung mẫu).
"""


def make_video(folder: Path, seed: str) -> Path:
    """Two scenes cross-fading, encoded for every browser (H.264, yuv420p, faststart)."""
    frames = []
    for n, kind in enumerate(("flag_ceremony", "rice_fields")):
        frame = folder / f"canh-{n}.jpg"
        frame.write_bytes(demo_scenes.picture(kind, f"{seed} video"))
        frames.append(frame)
    video = folder / "diem-tin.mp4"
    half = SECONDS // 2
    scale = "scale=640:360,setsar=1"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y",
         "-loop", "1", "-t", str(half + 1), "-i", str(frames[0]),
         "-loop", "1", "-t", str(half), "-i", str(frames[1]),
         "-filter_complex",
         f"[0:v]{scale}[a];[1:v]{scale}[b];"
         f"[a][b]xfade=transition=fade:duration=1:offset={half},format=yuv420p",
         "-r", "15", "-c:v", "libx264", "-preset", "veryfast", "-crf", "30",
         "-movflags", "+faststart", str(video)],
        check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    return video


def fill(unit, author) -> int:
    """The first brief of this month in the unit's video archive, once; none without ffmpeg."""
    archive = VideoArchivePage.objects.first()
    if archive is None or VideoBriefPage.objects.exists() or not ffmpeg.available():
        return 0
    today = timezone.localdate()
    with tempfile.TemporaryDirectory() as folder:
        path = make_video(Path(folder), unit.name)
        media = Media(title=f"Điểm tin video {unit.name} tháng {today.month}/{today.year}")
        media.type = "video"
        with path.open("rb") as f:
            media.file.save("diem-tin-mau.mp4", File(f), save=False)
        media.save()
    brief = VideoBriefPage(
        title=f"Điểm tin video tháng {today.month}/{today.year}",
        slug="diem-tin-mau",
        issue_number=1,
        year=today.year,
        month=today.month,
        summary="Lễ chào cờ, hội nghị giao ban và mùa lúa mới (nội dung mẫu).",
        video=media,
        poster=posters.poster_from(media, author),
        duration=posters.duration_of(media),
        captions=CAPTIONS,
        producer=f"Ban Biên tập {unit.name}",
        owner=author,
        live=False,
    )
    archive.add_child(instance=brief)
    brief.save_revision(user=author).publish(user=author)
    return 1
