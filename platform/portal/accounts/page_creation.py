"""Wagtail's page creation, one request at a time under each parent page.

Wagtail 8 autosaves the add form: its first autosave creates the page while the
author may already be submitting the same form to the same add URL. Both
requests then pass the slug check before either has saved, and the second
fails inside `add_child` (a duplicate slug or tree path): a 500. Locking the
parent page for the length of the request makes the second one wait and then
see the first page, so its form answers "slug already in use" instead (JSON 400
for an autosave); nothing is saved by the refused request.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.create import CreateView
from wagtail.models import Page


class OneAtATimeCreateView(CreateView):
    def post(self, request):
        try:
            with transaction.atomic():
                list(Page.objects.select_for_update().filter(pk=self.parent_page.pk).values("pk"))
                # Read after the wait: treebeard lists no children of a parent it believes a leaf.
                self.parent_page.refresh_from_db(fields=["numchild"])
                return super().post(request)
        except ValidationError as error:
            # A page with this slug saved meanwhile by a writer that takes no lock (an import).
            self.form.add_error(None, error)
            return self.form_invalid(self.form)


# Listed before Wagtail's admin URLs, at the same address as its "add" view.
urlpatterns = [
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/",
        require_admin_access(never_cache(OneAtATimeCreateView.as_view())),
        name="portal_page_add",
    )
]
