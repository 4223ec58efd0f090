"""Admin hooks of the portal content: classified documents are refused with a clear message.

DocumentPage.save refuses a classified document on every route; these hooks
turn the admin's routes into a friendly refusal that keeps the draft, and
record each refusal in the unit's audit log.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import log

from . import page_cache
from .models import Confidentiality, DocumentPage

PUBLISH_REFUSED = "portal_sites.publish_refused"

hooks.register("before_serve_page", page_cache.mark_cacheable)


@hooks.register("register_log_actions")
def register_refusal_log_action(actions):
    actions.register_action(
        PUBLISH_REFUSED,
        gettext_lazy("Từ chối xuất bản văn bản mật"),
        gettext_lazy("Đã từ chối xuất bản văn bản mật"),
    )


def _refuse(request, page, message):
    messages.error(request, message)
    log(instance=page, action=PUBLISH_REFUSED, user=request.user)


@hooks.register("before_publish_page")
def refuse_to_publish_classified_document(request, page):
    """The draft is kept; only publishing is refused (DocumentPage.save refuses elsewhere)."""
    if isinstance(page, DocumentPage) and page.is_classified:
        _refuse(request, page, _("Văn bản mật không được xuất bản. Bản nháp đã được lưu."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    if isinstance(page, DocumentPage) and page.missing_for_publication():
        messages.error(
            request,
            _("Chưa thể xuất bản văn bản: thiếu %(fields)s. Bản nháp đã được lưu.")
            % {"fields": ", ".join(page.missing_for_publication())},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def _posted_as_classified(request) -> bool:
    level = request.POST.get("confidentiality")
    return request.method == "POST" and level is not None and level != Confidentiality.ORDINARY


def _save_as_draft_only(request) -> None:
    """Drop any request for publication from the posted form: the view then saves a draft."""
    request.POST = request.POST.copy()
    for action in ("action-submit", "action-workflow-action"):
        request.POST.pop(action, None)
    messages.warning(
        request,
        _("Văn bản mật không được gửi duyệt xuất bản. Bản nháp đã được lưu."),
    )


def _asks_for_publication(request) -> bool:
    return bool(request.POST.get("action-submit") or request.POST.get("action-workflow-action"))


@hooks.register("before_create_page")
def keep_new_classified_documents_out_of_moderation(request, parent_page, page_class):
    if issubclass(page_class, DocumentPage) and _posted_as_classified(request):
        if _asks_for_publication(request):
            _save_as_draft_only(request)
    return None


@hooks.register("before_edit_page")
def keep_classified_documents_out_of_moderation(request, page):
    if isinstance(page, DocumentPage) and _posted_as_classified(request):
        if _asks_for_publication(request):
            _save_as_draft_only(request)
    return None


@hooks.register("after_edit_page")
def cancel_approval_of_documents_turned_classified(request, page):
    """A document saved as classified never waits for approval: approving would publish it."""
    workflow_state = page.current_workflow_state if isinstance(page, DocumentPage) else None
    if workflow_state is not None and page.is_classified:
        workflow_state.cancel(user=request.user)
        messages.warning(
            request, _("Văn bản đã chuyển sang mật: yêu cầu duyệt xuất bản đã được hủy.")
        )
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_classified_documents(
    request, action_type, objects, action_class_instance
):
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
            _("Không xuất bản: %(count)d văn bản mật trong danh sách chọn.")
            % {"count": len(classified)},
        )
        for page in classified:
            log(instance=page, action=PUBLISH_REFUSED, user=request.user)
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


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
