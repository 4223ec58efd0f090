"""Admin hooks of the portal content: classified documents are refused with a clear message."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import DocumentPage


@hooks.register("before_publish_page")
def refuse_to_publish_classified_document(request, page):
    """The draft is kept; only publishing is refused (DocumentPage.save refuses on every other route)."""
    if isinstance(page, DocumentPage) and page.is_classified:
        messages.error(
            request,
            _("Văn bản mật không được xuất bản. Bản nháp đã được lưu."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if isinstance(page, DocumentPage) and page.missing_for_publication():
        messages.error(
            request,
            _("Chưa thể xuất bản văn bản: thiếu %(fields)s. Bản nháp đã được lưu.")
            % {"fields": ", ".join(page.missing_for_publication())},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_classified_documents(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    classified = [
        page.specific
        for page in objects
        if isinstance(page.specific, DocumentPage) and page.specific.is_classified
    ]
    if classified:
        messages.error(
            request,
            _("Không xuất bản: %(count)d văn bản mật trong danh sách chọn.") % {"count": len(classified)},
        )
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None
