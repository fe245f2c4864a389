"""Case officers' screens in the Wagtail admin: the queue, the case page and attachments."""
import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cases import services
from cases.models import Case, CaseAttachment, CaseEvent
from cases.request_types import REQUEST_TYPE_CHOICES


class CaseFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("статус"), choices=Case.STATUS_CHOICES,
                                                 widget=forms.CheckboxSelectMultiple)
    request_type = django_filters.ChoiceFilter(label=_("тип обращения"), choices=REQUEST_TYPE_CHOICES)
    overdue = django_filters.BooleanFilter(label=_("просрочено"), method="filter_overdue")
    due_date = django_filters.DateFromToRangeFilter(label=_("срок ответа"), widget=DateRangePickerWidget)

    class Meta:
        model = Case
        fields = ["status", "unit", "request_type", "channel", "overdue", "due_date"]

    def filter_overdue(self, queryset, name, value):
        overdue = services.overdue_cases().values("pk")
        if value is True:
            return queryset.filter(pk__in=overdue)
        if value is False:
            return queryset.exclude(pk__in=overdue)
        return queryset


class DueColumn(Column):
    def get_value(self, instance):
        date = instance.due_date.strftime("%d.%m.%Y")
        if instance.is_overdue:
            return format_html('<strong>{}</strong> <span class="w-status w-status--label">{}</span>',
                               date, _("просрочено"))
        return date


class CaseIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("unit", "assigned_to")
        return services.visible_cases(self.request.user, queryset)


class CaseEditView(generic.EditView):
    def get_queryset(self):
        # An officer of another unit gets 404, as if the case did not exist.
        return services.visible_cases(self.request.user, Case.objects.select_related("unit"))

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        CaseEvent.objects.create(case=self.object, user=request.user, kind=CaseEvent.VIEWED)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.before = services.snapshot(self.object)
        return super().post(request, *args, **kwargs)

    def save_instance(self):
        instance = super().save_instance()
        services.record_officer_changes(instance, self.before, self.request.user,
                                        note=self.form.cleaned_data.get("new_note", ""),
                                        reply=self.form.cleaned_data.get("reply", ""))
        return instance


class CaseAdminForm(WagtailAdminModelForm):
    new_note = forms.CharField(label=_("Добавить внутреннюю заметку"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("Видят только сотрудники; заявителю не отправляется."))
    reply = forms.CharField(label=_("Ответ заявителю"), required=False,
                            widget=forms.Textarea(attrs={"rows": 6}),
                            help_text=_("Отправляется на электронную почту заявителя на его языке и сохраняется в истории."))


class CaseInfoPanel(Panel):
    """Read-only facts of the case; the personal data here is visible only to officers."""

    def __init__(self, template, **kwargs):
        super().__init__(**kwargs)
        self.template = template

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "template": self.template}

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["case"] = self.instance
            return context


class CaseViewSet(ModelViewSet):
    model = Case
    icon = "mail"
    menu_label = _("Обращения")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = CaseIndexView
    edit_view_class = CaseEditView
    filterset_class = CaseFilterSet
    list_per_page = 50
    copy_view_enabled = False
    search_fields = ["reference", "applicant_name", "email", "phone", "message"]
    list_display = ["reference", "request_type", "status", "unit",
                    DueColumn("due_date", label=_("срок ответа"), sort_key="due_date"), "created_at"]
    list_export = ["reference", "request_type", "channel", "status", "unit", "due_date", "created_at"]
    edit_handler = ObjectList([
        CaseInfoPanel("cases/admin/case_info.html", heading=_("Обращение")),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("unit"), FieldPanel("assigned_to"),
                         FieldPanel("due_date")], heading=_("Работа с обращением")),
        FieldPanel("reply"),
        FieldPanel("new_note"),
        CaseInfoPanel("cases/admin/case_history.html", heading=_("История")),
    ], base_form_class=CaseAdminForm)

    def get_urlpatterns(self):
        # Cases come in through the public form (register_case); the admin does not add or copy them.
        return [p for p in super().get_urlpatterns() if getattr(p, "name", "") not in ("add", "copy")]

    def get_index_view_kwargs(self, **kwargs):
        return {**super().get_index_view_kwargs(**kwargs), "add_url_name": None}


def attachment(request, pk):
    """Attachments are stored outside the public media path and served only to officers."""
    item = get_object_or_404(CaseAttachment.objects.select_related("case"), pk=pk)
    if not request.user.has_perm("cases.view_case"):
        raise PermissionDenied
    if not services.visible_cases(request.user).filter(pk=item.case_id).exists():
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404
    CaseEvent.objects.create(case=item.case, user=request.user, kind=CaseEvent.VIEWED,
                             text=str(_("вложение «%(name)s»") % {"name": item.original_name}),
                             created_at=timezone.now())
    response = FileResponse(handle, as_attachment=True, filename=item.original_name,
                            content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
