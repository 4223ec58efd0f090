"""What each role may do with pages, beyond Wagtail's permission rows.

The roles' page permissions (portal_membership migrations) give contributors
"add" without "change": Wagtail then lets them edit only the pages they own.
Two rules Wagtail lacks complete them, both keyed on "publish" (editors and
site administrators hold it, contributors do not):

- deleting or moving a page needs "publish", even for one's own draft
  (Wagtail lets owners delete and move their unpublished pages);
- people without "publish" see, in the explorer, search, the admin API and
  the history report, only live pages and their own, never others' drafts.

Every page model takes the first rule from `RolePagePermissions` (a system
check refuses a page type without it); the second is the unit's page
permission policy, registered in this app's `wagtail_hooks`.
"""

from __future__ import annotations

from django.core import checks
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy


class RolePagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with deleting (and so moving) reserved to those who may publish."""

    def can_delete(self, ignore_bulk=False):
        return self.can_publish() and super().can_delete(ignore_bulk=ignore_bulk)


class RolePagePermissions:
    """Mixin for every page model: Wagtail asks the page for its permission tester."""

    def permissions_for_user(self, user):
        return RolePagePermissionTester(user, self)


class UnitPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, hiding others' unpublished pages from people who cannot publish."""

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if user.is_superuser or self.user_has_permission(user, "publish"):
            return pages
        return pages.filter(Q(live=True) | Q(owner=user))


def every_page_model_keeps_the_role_rules(app_configs, **kwargs):
    return [
        checks.Error(
            f"{model._meta.label} does not inherit RolePagePermissions.",
            hint="Add portal.accounts.page_rights.RolePagePermissions to its bases.",
            id="portal_accounts.E001",
        )
        for model in get_page_models()
        if model is not Page and not issubclass(model, RolePagePermissions)
    ]
