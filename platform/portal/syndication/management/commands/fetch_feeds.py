"""Fetch the external feeds sections subscribe to (run every few minutes, e.g. from cron)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from portal.syndication.fetching import fetch
from portal.syndication.models import FeedSubscription


class Command(BaseCommand):
    help = "Fetch the external RSS/Atom feeds that sections subscribe to."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="Only this unit's subscriptions (its code).")
        parser.add_argument(
            "--min-interval",
            type=int,
            default=15,
            help="Skip feeds checked less than this many minutes ago (default 15; 0 fetches all).",
        )

    def handle(self, *args, unit=None, min_interval=15, **options):
        subscriptions = FeedSubscription.objects.filter(enabled=True).select_related("unit")
        if unit:
            subscriptions = subscriptions.filter(unit__code=unit)
        if min_interval:
            since = timezone.now() - datetime.timedelta(minutes=min_interval)
            subscriptions = subscriptions.filter(
                Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=since)
            )
        failed = 0
        for subscription in subscriptions.order_by("pk"):
            result = fetch(subscription)
            line = f"{subscription.unit.code} {subscription.url}: {result.status}"
            if result.status == "updated":
                line += f" ({result.new_items} new)"
            if result.error:
                failed += 1
                self.stderr.write(f"{line}: {result.error.text('en')}")
            else:
                self.stdout.write(line)
        self.stdout.write(f"Done; {failed} feed(s) failed.")
