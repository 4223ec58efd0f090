"""The admin's sign-in form, with a translatable password label.

Wagtail's LoginForm gives its password field no label, so Django shows the field
name, "Password", in English whatever the language.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")
