"""Who edits the schedule in the admin: the holders of access.PUBLISH_WORK_SCHEDULE in the
unit, for every action (leaders, weeks, items); anyone else is refused (403)."""

from __future__ import annotations

from django.db import connection
from wagtail.permission_policies.base import BasePermissionPolicy

from portal.accounts import access


class ScheduleOfficePolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return access.PUBLISH_WORK_SCHEDULE.held_by(user, getattr(connection, "tenant", None))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, "change")

    def users_with_any_permission(self, actions):
        raise NotImplementedError("Rights are held per unit: ask user_has_permission.")
