"""The network's trusted root certificates: `manage.py trust_roots add FILE.pem | list | remove ID`.

Adding or removing a root has every signed file checked again by the worker.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sites.intake import trust
from sites.intake.models import TrustRoot


class Command(BaseCommand):
    help = "Add, list or remove the root certificates the network trusts for signed documents."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Trust the certificates in a PEM or DER file.")
        add.add_argument("file", type=Path)
        actions.add_parser("list", help="List the trusted roots.")
        remove = actions.add_parser("remove", help="Stop trusting a root (by id).")
        remove.add_argument("id", type=int)

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _add(self, file, **options):
        try:
            added = trust.add(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        except ValueError as error:
            raise CommandError(f"{file} holds no certificate: {error}") from error
        for root in added:
            self.stdout.write(f"Added {root.pk}: {root.subject}")
        if not added:
            self.stdout.write("Already trusted; nothing added.")

    def _list(self, **options):
        for root in TrustRoot.objects.all():
            self.stdout.write(
                f"{root.pk}\t{root.fingerprint[:16]}…\t{root.not_after:%Y-%m-%d}\t{root.subject}"
            )

    def _remove(self, id, **options):
        root = TrustRoot.objects.filter(pk=id).first()
        if root is None:
            raise CommandError(f"No trusted root {id}.")
        trust.remove(root)
        self.stdout.write(f"Removed {id}: {root.subject}")
