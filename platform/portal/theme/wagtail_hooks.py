"""Admin registration of the theme's snippets (the settings register themselves)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Slogan


class SloganViewSet(SnippetViewSet):
    """Slogans listed newest campaign first, with their dates in view."""

    model = Slogan
    icon = "openquote"
    menu_label = _("Khẩu hiệu tuyên truyền")
    list_display = ["text", "start_date", "end_date"]
    ordering = ["-start_date", "-pk"]


register_snippet(SloganViewSet)
