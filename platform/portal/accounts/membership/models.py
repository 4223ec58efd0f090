"""Link tables between global accounts and a unit's groups and permissions.

These tables exist in every unit's schema and nowhere else: a role granted in
one unit does not exist in another.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import models


class UnitRole(models.Model):
    """The user holds `group` (a role) in this unit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    group = models.ForeignKey(Group, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="unique_unit_role")]

    def __str__(self):
        return f"{self.user} — {self.group}"


class UnitPermission(models.Model):
    """A permission given to the user directly in this unit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    permission = models.ForeignKey(Permission, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "permission"], name="unique_unit_permission")
        ]

    def __str__(self):
        return f"{self.user} — {self.permission}"
