"""A clear refusal for people who have no role in the unit whose admin they open."""

from django.shortcuts import render

# Pages of the admin everybody must reach, to sign in as someone else.
_OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


class UnitAdminAccessMiddleware:
    """Answer 403 with an explanation, instead of Wagtail's redirect loop to the login page.

    Admin access is the `wagtailadmin.access_admin` permission, which a user
    has only through a role in this unit (or as a network administrator).
    `is_staff` plays no part.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith("/admin/")
            and not path.startswith(_OPEN_PATHS)
            and request.user.is_authenticated
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            return render(
                request,
                "portal_theme/admin_refused.html",
                {"unit": getattr(request, "tenant", None)},
                status=403,
            )
        return self.get_response(request)
