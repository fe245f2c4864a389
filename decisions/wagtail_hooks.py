"""Admin wiring: the import view (one per layout) and the comparison (URLs listed in decisions/views.py),
a submenu «Решения регулятора» with an item per layout for those who may edit a page of its type, and
in the header of a tariff, connection-fee or subsidy page the comparison and its import buttons."""
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button

from decisions.forms import editable_pages
from decisions.layouts import LAYOUTS, compare_title, layouts_for
from decisions.views import compare_view, import_url, import_view

urls = ([path("import/", import_view, name="import"),
         path("import/<slug:kind>/", import_view, name="import"),
         path("compare/<int:page_id>/", compare_view, name="compare")], "decisions")


@hooks.register("register_admin_urls")
def register_decision_urls():
    return [path("decisions/", include(urls))]


class DecisionImportMenuItem(MenuItem):
    def __init__(self, layout, order):
        self.layout = layout
        super().__init__(layout.title, import_url(layout), name=f"decision-import-{layout.slug}",
                         icon_name="upload", order=order)

    def is_shown(self, request):
        return editable_pages(request.user, self.layout).exists()


@hooks.register("register_admin_menu_item")
def register_decision_import_menu_item():
    items = [DecisionImportMenuItem(layout, order) for order, layout in enumerate(LAYOUTS.values())]
    return SubmenuMenuItem(_("Решения регулятора"), Menu(items=items), name="decision-import", icon_name="upload",
                           order=250)


@hooks.register("register_page_header_buttons")
def decision_header_buttons(page, user, view_name=None, next_url=None):
    layouts = layouts_for(page.specific_class)
    if not layouts:
        return
    permissions = page.permissions_for_user(user)
    if permissions.can_edit() or permissions.can_publish():
        yield Button(compare_title(layouts), reverse("decisions:compare", args=[page.pk]), icon_name="doc-full", priority=67)
    if permissions.can_edit():
        for index, layout in enumerate(layouts):
            yield Button(layout.title, import_url(layout) + f"?page={page.pk}", icon_name="upload",
                         priority=68 + index)
