"""The feedback queue in the unit's admin menu, for its editors and site administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import RightMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def feedback_admin_urls():
    patterns = [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.answer, name="answer"),
    ]
    return [path("gop-y/", include((patterns, "portal_feedback_admin")))]


@hooks.register("register_admin_menu_item")
def feedback_menu_item():
    return RightMenuItem(
        _("Góp ý"),
        reverse("portal_feedback_admin:queue"),
        right=access.MODERATE_FEEDBACK,
        icon_name="mail",
        order=250,
    )
