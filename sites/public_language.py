"""Public pages speak the portal's language (Vietnamese) whatever the browser asks.

Content is written in Vietnamese, so an interface that followed Accept-Language
would mix two languages on one page; the English introduction page is English
throughout (`EnglishIntroductionPage.serve`). The admin keeps Django's negotiation (Accept-Language,
the language cookie), and Wagtail's admin views then apply each person's
preferred language.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from portal.operations.content_security import admin_prefix


def is_admin(request) -> bool:
    prefix = admin_prefix()
    return prefix is not None and request.path_info.startswith(prefix)


class PublicLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware for the admin; the site's LANGUAGE_CODE everywhere else."""

    def process_request(self, request):
        if is_admin(request):
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return None

    def process_response(self, request, response):
        if is_admin(request):
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response
