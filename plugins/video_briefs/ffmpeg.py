"""Duration and poster frame of an uploaded video, with ffmpeg when the server has it.

Without ffmpeg (or when it fails on a file) these return None: the editor
then uploads a poster and types the duration.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from pathlib import Path

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 60


def available() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def duration_seconds(path: Path) -> int | None:
    """The video's duration, rounded to the second, or None."""
    if not available():
        return None
    try:
        result = subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "json",
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=True,
        )
        return round(float(json.loads(result.stdout)["format"]["duration"]))
    except (subprocess.SubprocessError, OSError, KeyError, ValueError) as error:
        logger.warning("ffprobe could not read %s: %s", path, error)
        return None


def poster_jpeg(path: Path, at_seconds: float = 1.0) -> bytes | None:
    """A JPEG of the frame at `at_seconds` (or the first frame of a shorter video), or None."""
    if not available():
        return None
    for offset in (at_seconds, 0.0):
        try:
            result = subprocess.run(
                [
                    "ffmpeg",
                    "-v",
                    "error",
                    "-ss",
                    str(offset),
                    "-i",
                    str(path),
                    "-frames:v",
                    "1",
                    "-f",
                    "image2",
                    "-c:v",
                    "mjpeg",
                    "pipe:1",
                ],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=True,
            )
        except (subprocess.SubprocessError, OSError) as error:
            logger.warning("ffmpeg could not take a frame of %s: %s", path, error)
            return None
        if result.stdout:
            return result.stdout
    return None
