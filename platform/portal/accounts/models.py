"""Global identity with per-unit roles.

The account lives once, in the public schema. Its groups and permissions are
many-to-many relations whose link tables live in each unit's schema
(portal.accounts.membership), so `user.groups` is the user's roles *in the
current unit*. Wagtail's page permissions, workflows and the admin's access
check all work unchanged on top of that. A network administrator is a
superuser: the one flag that acts in every unit.
"""

from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import access


class User(AbstractUser):
    """A person with one sign-in for the whole network."""

    # Lives in the public schema, where Wagtail keeps no reference index.
    wagtail_reference_index_ignore = True

    groups = models.ManyToManyField(
        Group,
        through="portal_membership.UnitRole",
        blank=True,
        related_name="user_set",
        related_query_name="user",
        verbose_name=_("vai trò trong đơn vị"),
        help_text=_("Vai trò của người dùng tại đơn vị đang quản trị."),
    )
    user_permissions = models.ManyToManyField(
        Permission,
        through="portal_membership.UnitPermission",
        blank=True,
        related_name="user_set",
        related_query_name="user",
        verbose_name=_("quyền riêng trong đơn vị"),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    @property
    def is_network_admin(self) -> bool:
        return access.is_network_admin(self)
