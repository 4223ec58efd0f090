"""The background worker's schedule: management commands run every so many seconds.

Other parts add their periodic work to PORTAL_PERIODIC_COMMANDS (settings):
a list of {"command": [name, *arguments], "every": seconds}.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command

logger = logging.getLogger("portal.operations.periodic")

DEFAULT_COMMANDS = [
    # Wagtail's scheduled go-live and expiry, in every active unit.
    {"command": ["publish_scheduled_units"], "every": 60},
    # Page views buffered in the cache, written in batches.
    {"command": ["flush_page_views"], "every": 60},
    # External feeds sections subscribe to (each fetched at most every 15 minutes).
    {"command": ["fetch_feeds", "--min-interval", "15"], "every": 300},
    # Text of newly attached files for search (PDF parsing and OCR never delay publishing).
    {"command": ["search_attachments"], "every": 10},
    # Digital signatures of newly saved PDFs (pyHanko), never checked in a request.
    {"command": ["check_signatures"], "every": 10},
    {"command": ["clearsessions"], "every": 24 * 3600},
]


@dataclass
class Job:
    command: list[str]
    every: float
    due: float = field(default=0.0)

    def run(self) -> bool:
        """Run once; a failure is logged and never stops the worker."""
        started = time.monotonic()
        try:
            call_command(*self.command)
            ok = True
        except Exception:
            logger.exception("periodic command failed", extra={"command": " ".join(self.command)})
            ok = False
        logger.info(
            "periodic command ran",
            extra={
                "command": " ".join(self.command),
                "ok": ok,
                "seconds": round(time.monotonic() - started, 3),
            },
        )
        self.due = time.monotonic() + self.every
        return ok


def jobs() -> list[Job]:
    configured = getattr(settings, "PORTAL_PERIODIC_COMMANDS", DEFAULT_COMMANDS)
    return [Job(list(entry["command"]), float(entry["every"])) for entry in configured]
