from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import DummyNote


class DummyNoteViewSet(ModelViewSet):
    model = DummyNote
    icon = "doc-full"
    menu_label = "Ghi chú mẫu"
    add_to_admin_menu = True
    form_fields = ["text"]
    list_display = ["text"]


dummy_note_viewset = DummyNoteViewSet("dummy_notes")


@hooks.register("register_admin_viewset")
def register_dummy_notes():
    return dummy_note_viewset
