"""The intake API's tokens: `manage.py intake_token create --unit CODE --name NAME | list | revoke`.

`create` prints the new token as the last word of its last line (it is shown
only then); `list` shows the tokens without their secret; `revoke ID` ends one.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from portal.tenancy.models import Unit
from sites.intake import tokens
from sites.intake.models import IntakeToken


class Command(BaseCommand):
    help = "Create, list or revoke the API tokens with which document systems push documents."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a token for a unit.")
        create.add_argument("--unit", required=True, help="Code of the unit, e.g. TN-HA.")
        create.add_argument("--name", required=True, help="What the token is for, e.g. IDOC.")
        listing = actions.add_parser("list", help="List tokens (never their secret).")
        listing.add_argument("--unit", help="Only this unit's tokens.")
        revoke = actions.add_parser("revoke", help="Revoke a token by its id.")
        revoke.add_argument("id", type=int)

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, unit, name, **options):
        name = name.strip()
        if not name or len(name) > IntakeToken._meta.get_field("name").max_length:
            raise CommandError("The name must be 1 to 100 characters.")
        token, secret = tokens.create(_unit(unit), name)
        self.stdout.write(f"Token {token.pk} for {token.unit.code} ({token.name}); shown once:")
        self.stdout.write(f"Token: {secret}")

    def _list(self, unit=None, **options):
        rows = IntakeToken.objects.select_related("unit").order_by("unit__code", "pk")
        if unit:
            rows = rows.filter(unit=_unit(unit))
        for token in rows:
            state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            columns = [token.pk, token.unit.code, f"{token.prefix}…", token.name, state]
            self.stdout.write("\t".join(map(str, columns)) + f"\tlast used {used}")

    def _revoke(self, id, **options):
        token = IntakeToken.objects.select_related("unit").filter(pk=id).first()
        if token is None:
            raise CommandError(f"No token {id}.")
        if not tokens.revoke(token):
            raise CommandError(f"Token {id} was already revoked.")
        self.stdout.write(f"Token {id} of {token.unit.code} revoked.")


def _unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"No unit with code {code}.")
    return unit
