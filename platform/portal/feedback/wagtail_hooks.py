"""The feedback queue in the unit's admin menu, for its editors and site administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, admin_views


@hooks.register("register_admin_urls")
def feedback_admin_urls():
    patterns = [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.answer, name="answer"),
    ]
    return [path("gop-y/", include((patterns, "portal_feedback_admin")))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def feedback_menu_item():
    return ModeratorMenuItem(
        _("Góp ý"), reverse("portal_feedback_admin:queue"), icon_name="mail", order=250
    )
