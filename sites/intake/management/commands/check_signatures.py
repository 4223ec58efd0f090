"""Check the digital signatures of files waiting for it (run by the background worker)."""

from django.core.management.base import BaseCommand

from sites.intake.checking import check_pending


class Command(BaseCommand):
    help = "Read and validate the signatures of newly saved PDFs. Run by run_periodic."

    def handle(self, *args, **options):
        report = check_pending()
        if report.checked or report.failed:
            self.stdout.write(f"{report.checked} checked, {report.failed} failed.")
