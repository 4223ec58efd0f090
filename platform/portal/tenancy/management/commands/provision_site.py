"""Create one unit: `manage.py provision_site --name ... --code ... --level ... --domain ...`."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.tenancy.provisioning import ProvisioningError, UnitSpec, provision
from portal.tenancy.schema_pool import refill_spare_schemas


class Command(BaseCommand):
    help = "Provision a unit (its schema, domains, default pages and first administrator)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Display name, e.g. 'Xã Tân Uyên'.")
        parser.add_argument("--code", required=True, help="Official code, unique in the network.")
        parser.add_argument("--level", required=True, help="province, district, commune or agency.")
        parser.add_argument("--parent", help="Code of the parent unit.")
        parser.add_argument(
            "--domain",
            action="append",
            required=True,
            help="Host name; repeat for more (first is primary).",
        )
        parser.add_argument("--admin-email", help="E-mail of the unit's first site administrator.")

    def handle(self, *args, **options):
        translation.activate("en")
        spec = UnitSpec(
            name=options["name"],
            code=options["code"],
            level=options["level"],
            domains=options["domain"],
            parent_code=options.get("parent"),
            admin_email=options.get("admin_email"),
        )
        try:
            result = provision(spec, refill_pool=False)
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        unit = result.unit
        self.stdout.write(
            self.style.SUCCESS(
                f"Provisioned {unit.name} ({unit.code}) at http://{result.domains[0]}/"
            )
        )
        if result.admin_email:
            credentials = f" password: {result.admin_password}" if result.admin_password else ""
            self.stdout.write(f"Site administrator: {result.admin_email}{credentials}")
        refill_spare_schemas(self.stdout)
