"""Wagtail's users app, with the user admin scoped to the current unit."""

from wagtail.users.apps import WagtailUsersAppConfig


class UnitUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.accounts.users_admin.UnitUserViewSet"
