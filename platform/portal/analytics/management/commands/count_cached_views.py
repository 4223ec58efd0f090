"""`count_cached_views [--log PATH]`: count the page views nginx served from its cache."""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.analytics import cached_views


class Command(BaseCommand):
    help = (
        "Add the page views nginx served from its frontend cache (its log of them, "
        "PORTAL_FRONTEND_CACHE_VIEW_LOG) to the page-view counts; each line counts once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--log", default="", help="the log (default: the setting)")

    def handle(self, *args, log, **options):
        path = log or settings.PORTAL_FRONTEND_CACHE_VIEW_LOG
        if not path:
            self.stdout.write("No frontend cache log to read (PORTAL_FRONTEND_CACHE_VIEW_LOG).")
            return
        added = cached_views.count_new_views(path)
        self.stdout.write(f"Counted {added} page views served from the frontend cache.")
