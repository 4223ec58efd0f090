"""manage.py reset_two_factor EMAIL"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.signals import two_factor_reset
from portal.accounts.two_factor import devices


class Command(BaseCommand):
    help = (
        "Remove every two-factor device (authenticator app, backup codes) of the account with "
        "this e-mail address, for a person who lost their phone. They enrol again at their next "
        "admin sign-in; sessions verified with the old device are no longer verified."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The account's e-mail address.")

    def handle(self, *args, email, **options):
        users = list(get_user_model().objects.filter(email__iexact=email.strip()))
        if not users:
            raise CommandError(f"No account has the e-mail address {email!r}.")
        if len(users) > 1:
            names = ", ".join(user.get_username() for user in users)
            raise CommandError(f"Several accounts have the e-mail address {email!r}: {names}.")
        user = users[0]
        removed = devices.remove_all(user)
        two_factor_reset.send(sender=type(user), user=user, devices_removed=removed)
        self.stdout.write(
            f"Two-factor sign-in reset for {user.get_username()} ({removed} device(s) removed)."
        )
