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
