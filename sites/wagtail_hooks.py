"""Admin hooks of the portal content: documents missing metadata are refused with a clear message.

Classified documents never get this far: their form refuses them and
DocumentPage refuses to store them (`refuse_if_classified`).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from . import page_cache, withdrawal_admin
from .models import DocumentPage

# Older units' logs hold refusals to publish classified drafts (stored before
# classified documents were refused whole); the label keeps them readable.
PUBLISH_REFUSED = "portal_sites.publish_refused"

hooks.register("before_serve_page", page_cache.mark_cacheable)


@hooks.register("register_log_actions")
def register_refusal_log_action(actions):
    actions.register_action(
        PUBLISH_REFUSED,
        gettext_lazy("Từ chối xuất bản văn bản mật"),
        gettext_lazy("Đã từ chối xuất bản văn bản mật"),
    )


@hooks.register("before_publish_page")
def refuse_to_publish_incomplete_document(request, page):
    """The draft is kept; publishing waits for the missing metadata."""
    if isinstance(page, DocumentPage) and page.missing_for_publication():
        messages.error(
            request,
            _("Chưa thể xuất bản văn bản: thiếu %(fields)s. Bản nháp đã được lưu.")
            % {"fields": ", ".join(page.missing_for_publication())},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_admin_urls")
def register_withdrawal_urls():
    return withdrawal_admin.urlpatterns


@hooks.register("register_page_action_menu_item")
def register_withdrawal_menu_item():
    return withdrawal_admin.WithdrawDocumentMenuItem(order=900)


def _to_be_published(objects, action_class_instance):
    """The pages a bulk publication would publish, as their latest drafts."""
    pages = list(objects)
    if action_class_instance.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live())
    return [page.specific.get_latest_revision_as_object() for page in pages]


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_incomplete_documents(
    request, action_type, objects, action_class_instance
):
    """DocumentPage.save refuses them (a 500 from the bulk action): say which, publish nothing."""
    if action_type != "publish":
        return None
    incomplete = [
        page
        for page in _to_be_published(objects, action_class_instance)
        if isinstance(page, DocumentPage) and page.missing_for_publication()
    ]
    for document in incomplete:
        messages.error(
            request,
            _(
                "Chưa thể xuất bản văn bản “%(title)s”: thiếu %(fields)s. "
                "Không trang nào được xuất bản."
            )
            % {"title": document.title, "fields": ", ".join(document.missing_for_publication())},
        )
    if incomplete:
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None
