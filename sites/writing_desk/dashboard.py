"""The dashboard panel "Bài được yêu cầu chỉnh sửa": a contributor's drafts sent back."""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string
from wagtail.admin.ui.components import Component
from wagtail.models import Comment, Page, WorkflowState, get_default_page_content_type


class ReturnedForChangesPanel(Component):
    """Pages the person submitted or owns whose review asked for changes, with the
    reviewer's message and the open comments on the text."""

    name = "writing_desk_returned_for_changes"
    template_name = "portal_writing_desk/returned_for_changes.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def returned(self) -> list[dict]:
        user = self.request.user
        states = list(
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES,
                base_content_type=get_default_page_content_type(),
            )
            .select_related("current_task_state")
            .order_by("-current_task_state__finished_at")
        )
        asked_by_user = {int(s.object_id) for s in states if s.requested_by_id == user.pk}
        pages = Page.objects.filter(
            Q(pk__in=asked_by_user) | Q(owner=user),
            pk__in=[int(state.object_id) for state in states],
        )
        pages = {page.pk: page for page in pages}
        comments: dict[int, list[Comment]] = {}
        for comment in (
            Comment.objects.filter(page_id__in=pages, resolved_at__isnull=True)
            .select_related("user")
            .order_by("created_at")
        ):
            comments.setdefault(comment.page_id, []).append(comment)
        return [
            {
                "page": pages[int(state.object_id)],
                "task_state": state.current_task_state,
                "comments": comments.get(int(state.object_id), []),
            }
            for state in states
            if int(state.object_id) in pages
        ]

    def get_context_data(self, parent_context=None):
        return {"returned": self.returned(), "request": self.request}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["returned"]:
            return ""
        return render_to_string(self.template_name, context, request=self.request)
