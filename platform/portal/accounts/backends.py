"""Authentication backend aware that permissions differ per unit."""

from django.contrib.auth.backends import ModelBackend
from django.db import connection

_CACHES = ("_perm_cache", "_user_perm_cache", "_group_perm_cache")


class UnitPermissionBackend(ModelBackend):
    """Django's ModelBackend whose permission caches are valid for one schema only.

    ModelBackend caches a user's permissions on the user object; the same
    object asked in another unit must not answer from that cache.
    """

    def _forget_other_units(self, user_obj) -> None:
        schema = connection.schema_name
        if getattr(user_obj, "_perm_cache_schema", None) != schema:
            for name in _CACHES:
                user_obj.__dict__.pop(name, None)
            user_obj._perm_cache_schema = schema

    def get_user_permissions(self, user_obj, obj=None):
        self._forget_other_units(user_obj)
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        self._forget_other_units(user_obj)
        return super().get_group_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj, obj=None):
        self._forget_other_units(user_obj)
        return super().get_all_permissions(user_obj, obj)
