"""The officers' screens for connection applications and the stages administrators keep.
Every URL added here, and who may use it: see ``connection_applications.admin_views``."""
from django.http import HttpResponseRedirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from connection_applications import admin_views
from connection_applications.models import ConnectionStage


class StageDeleteView(generic.DeleteView):
    """A stage that applications have reached stays: their dated history points at it."""

    def form_valid(self, form):
        if self.object.moves.exists() or self.object.applications.exists():
            messages.error(self.request, _("Этап «%(stage)s» нельзя удалить: на нём есть или были заявки. "
                                           "Измените его название или срок вместо удаления.") % {
                "stage": self.object.name})
            return HttpResponseRedirect(reverse(self.index_url_name))
        return super().form_valid(form)


class ConnectionStageViewSet(ModelViewSet):
    model = ConnectionStage
    delete_view_class = StageDeleteView
    icon = "list-ol"
    menu_label = _("Этапы присоединения")
    menu_order = 253
    add_to_settings_menu = True
    list_display = ["order", "name", "deadline_days", "deadline_kind", "counted_from", "responsible", "checked"]
    panels = [FieldPanel("code"), FieldPanel("order"), FieldPanel("name_ru"), FieldPanel("name_en"),
              FieldPanel("description_ru"), FieldPanel("description_en"), FieldPanel("deadline_days"),
              FieldPanel("deadline_kind"), FieldPanel("counted_from"), FieldPanel("responsible"),
              FieldPanel("basis_ru"), FieldPanel("basis_en"), FieldPanel("checked")]


application_urls = ([
    path("", admin_views.ApplicationIndexView.as_view(), name="index"),
    path("<int:pk>/", admin_views.ApplicationMoveView.as_view(), name="move"),
], "connection_applications")


@hooks.register("register_admin_urls")
def register_application_urls():
    return [path("connection-applications/", include(application_urls))]


@hooks.register("register_admin_viewset")
def register_stage_viewset():
    return ConnectionStageViewSet("connection_stages")


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return ApplicationsMenuItem(_("Заявки на присоединение"), reverse("connection_applications:index"),
                                name="connection-applications", icon_name="site", order=251)
