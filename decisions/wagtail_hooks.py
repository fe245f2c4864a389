"""Admin wiring: the import view and the comparison (URLs listed in decisions/views.py), a menu
item for those who may edit a tariff page, and «Изменения цен» in a tariff page's header."""
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from cms_pages.models import TariffPage
from decisions.forms import editable_tariff_pages
from decisions.views import compare_view, import_view

urls = ([path("import/", import_view, name="import"),
         path("compare/<int:page_id>/", compare_view, name="compare")], "decisions")


@hooks.register("register_admin_urls")
def register_decision_urls():
    return [path("decisions/", include(urls))]


class DecisionImportMenuItem(MenuItem):
    def is_shown(self, request):
        return editable_tariff_pages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_decision_import_menu_item():
    return DecisionImportMenuItem(_("Импорт решения о тарифах"), reverse("decisions:import"),
                                  name="decision-import", icon_name="upload", order=250)


@hooks.register("register_page_header_buttons")
def decision_header_buttons(page, user, view_name=None, next_url=None):
    if page.specific_class is None or not issubclass(page.specific_class, TariffPage):
        return
    permissions = page.permissions_for_user(user)
    if permissions.can_edit() or permissions.can_publish():
        yield Button(_("Изменения цен"), reverse("decisions:compare", args=[page.pk]),
                     icon_name="doc-full", priority=67)
    if permissions.can_edit():
        yield Button(_("Импорт решения о тарифах"), reverse("decisions:import") + f"?page={page.pk}",
                     icon_name="upload", priority=68)
