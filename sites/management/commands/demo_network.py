"""Create the demo network of `make run` (idempotent) and print the sign-ins."""

from django.core.management.base import BaseCommand

from portal.tenancy import schema_pool
from sites.demo import build_demo_network, sign_ins


class Command(BaseCommand):
    help = "Create the demo network (a province, two districts, four communes) if missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="The port `runserver` will listen on."
        )

    def handle(self, *args, **options):
        port = options["port"]
        self.stdout.write("Demo network / Mạng lưới mẫu:")
        build_demo_network(log=self.stdout.write, port=port)
        schema_pool.refill_spare_schemas(self.stdout)
        self.stdout.write("\nSign-ins / Đăng nhập quản trị (demo only):")
        for where, username, password in sign_ins(port):
            self.stdout.write(f"  {username:<20} {password:<12} {where}")
        self.stdout.write(
            f"  Portals: http://localhost:{port}/ (province), http://<unit>.localhost:{port}/"
        )
