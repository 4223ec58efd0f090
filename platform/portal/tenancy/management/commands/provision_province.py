"""Provision a province and all its communes from the official register.

`manage.py provision_province "Lai Châu" --domain-suffix laichau.localhost`

Codes, domains and levels are decided by portal.tenancy.register (see its
docstring). Safe to re-run: existing units are left alone, missing ones created.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.tenancy import register, schema_pool
from portal.tenancy.provisioning import ProvisioningError

WOULD_CREATE = "would create"


class Command(BaseCommand):
    help = "Provision a province and every commune of it listed in the official register."

    def add_arguments(self, parser):
        parser.add_argument("province", help="Its name, with or without diacritics: 'lai chau'.")
        parser.add_argument(
            "--domain-suffix",
            required=True,
            help="The province's domain; communes get <type>-<name>.<suffix>.",
        )
        parser.add_argument("--admin-email", help="The province's first site administrator.")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be created; create nothing."
        )

    def handle(self, *args, **options):
        translation.activate("en")
        started = time.monotonic()
        try:
            specs = register.plan(
                options["province"], options["domain_suffix"], options.get("admin_email")
            )
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{specs[0].name}: {len(specs)} units ({len(specs) - 1} communes)")
        if options["dry_run"]:
            counts = self._dry_run(specs)
            self._summary(counts, (WOULD_CREATE, register.EXISTS), time.monotonic() - started)
        else:
            counts = self._provision(specs)
            schema_pool.refill_spare_schemas(self.stdout)
            statuses = (register.CREATED, register.EXISTS, register.FAILED)
            self._summary(counts, statuses, time.monotonic() - started)
        if counts.get(register.FAILED):
            failed = counts[register.FAILED]
            raise CommandError(f"{failed} unit(s) failed; fix the cause and re-run to create them.")

    def _dry_run(self, specs) -> dict[str, int]:
        existing = register.existing_codes()
        counts: dict[str, int] = {}
        for position, spec in enumerate(specs, 1):
            status = register.EXISTS if spec.code.lower() in existing else WOULD_CREATE
            counts[status] = counts.get(status, 0) + 1
            self._line(position, len(specs), status, spec)
        return counts

    def _provision(self, specs) -> dict[str, int]:
        counts: dict[str, int] = {}
        existing = register.existing_codes()
        missing = sum(1 for spec in specs if spec.code.lower() not in existing)
        with schema_pool.cloning_ahead(missing):
            for position, outcome in enumerate(register.provision_all(specs), 1):
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
                timing = f" ({outcome.seconds:.1f} s)" if outcome.status != register.EXISTS else ""
                self._line(position, len(specs), outcome.status, outcome.spec, timing)
                if outcome.error:
                    self.stderr.write(f"    {outcome.error}")
                self._report_admin(outcome)
        if sum(counts.values()) < len(specs):
            self.stderr.write("The province failed, so its communes were not attempted.")
        return counts

    def _line(self, position, total, status, spec, timing=""):
        style = {
            register.CREATED: self.style.SUCCESS,
            register.FAILED: self.style.ERROR,
        }.get(status, str)
        self.stdout.write(
            f"[{position:>3}/{total}] {style(f'{status:<12}')} {spec.code:<7} {spec.name:<32} "
            f"http://{spec.domains[0]}/{timing}"
        )

    def _report_admin(self, outcome):
        """Credentials are shown once, as by provision_site; an existing province is left alone."""
        if outcome.spec.admin_email and outcome.status == register.EXISTS:
            email = outcome.spec.admin_email
            self.stdout.write(self.style.WARNING(f"    exists: --admin-email {email} not applied"))
        result = outcome.result
        if result is not None and result.admin_email:
            credentials = f" password: {result.admin_password}" if result.admin_password else ""
            self.stdout.write(f"    Site administrator: {result.admin_email}{credentials}")

    def _summary(self, counts, statuses, seconds):
        parts = ", ".join(f"{status} {counts.get(status, 0)}" for status in statuses)
        self.stdout.write(f"Done in {seconds:.1f} s: {parts}.")
