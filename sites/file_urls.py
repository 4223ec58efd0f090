"""The URLs of a unit's files (sites.file_views), with the names Wagtail reverses."""

from django.conf import settings
from django.urls import path, re_path
from wagtail.documents.views.serve import authenticate_with_password

from . import file_views

urlpatterns = [
    re_path(r"^documents/(\d{1,12})/(.*)$", file_views.document, name="wagtaildocs_serve"),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]

if settings.DEBUG or settings.PORTAL_SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", file_views.unit_media))
