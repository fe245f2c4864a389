"""The admin's login form with its password field labelled: Wagtail's LoginForm gives it no label, so
Django names it from the field ("Password"), in English whatever the language
(settings.WAGTAILADMIN_USER_LOGIN_FORM)."""
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["password"].label = _("Пароль")
