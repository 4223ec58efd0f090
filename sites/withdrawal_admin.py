"""The admin side of withdrawing a document: a menu item on the document's edit page
and a confirmation page (`/admin/van-ban/<id>/go-khoi-cong/`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.action_menu import ActionMenuItem

from .models import DocumentPage
from .withdrawal import may_withdraw, withdraw


class WithdrawDocumentMenuItem(ActionMenuItem):
    label = gettext_lazy("Gỡ văn bản khỏi cổng")
    name = "action-withdraw-document"
    icon_name = "bin"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, DocumentPage)
            and may_withdraw(page, context["request"].user)
        )

    def get_url(self, context):
        return reverse("portal_sites_withdraw_document", args=(context["page"].pk,))


@require_http_methods(["GET", "POST"])
def withdraw_document(request, page_id: int):
    page = get_object_or_404(DocumentPage, pk=page_id)
    if not may_withdraw(page, request.user):
        raise PermissionDenied
    if request.method == "POST":
        deleted = withdraw(page, request.user)
        messages.success(
            request,
            _("Đã gỡ văn bản “%(title)s” khỏi cổng: ngừng xuất bản, xóa %(count)d tệp.")
            % {"title": page.title, "count": len(deleted)},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "portal_sites/admin/withdraw_document.html",
        {
            "page": page,
            "attachments": page.attachments.select_related("document"),
            "header_title": _("Gỡ văn bản khỏi cổng"),
            "page_title": _("Gỡ văn bản khỏi cổng"),
        },
    )


urlpatterns = [
    path(
        "van-ban/<int:page_id>/go-khoi-cong/",
        withdraw_document,
        name="portal_sites_withdraw_document",
    ),
]
