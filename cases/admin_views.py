"""Case officers' screens in the Wagtail admin: the queue, the case page, attachments and the
registration of cases received by phone, at a personal visit or by letter."""
import logging
import re
import uuid

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from cases import services
from cases.models import Case, CaseAttachment, CaseEvent, ConsentText
from cases.officer_forms import ChooseForm, OfficerCaseForm
from cases.request_types import REQUEST_TYPE_CHOICES
from cases.rules import routing
from ops.csv_safety import SafeSpreadsheetExportMixin

log = logging.getLogger(__name__)


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


class CaseIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    register_url_name = None

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("unit", "assigned_to")
        return services.visible_cases(self.request.user, queryset)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.register_url_name and self.user_has_permission("add"):
            buttons.append(HeaderButton(_("Зарегистрировать обращение"), url=reverse(self.register_url_name),
                                        icon_name="plus"))
        return buttons


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
        # No empty cases from the generic add view: a case comes in through the public form or is
        # registered by an officer (RegisterCaseView); both go through services.register_case.
        patterns = [p for p in super().get_urlpatterns() if getattr(p, "name", "") not in ("add", "copy")]
        return patterns + [path("register/", self.register_view, name="register")]

    def get_index_view_kwargs(self, **kwargs):
        return {**super().get_index_view_kwargs(**kwargs), "add_url_name": None,
                "register_url_name": self.get_url_name("register")}

    @property
    def register_view(self):
        return self.construct_view(RegisterCaseView, register_url_name=self.get_url_name("register"))


class RegisterCaseView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """An officer registers a case received by phone, at a visit or by letter.

    Step 1 (GET) asks the channel and the request type; step 2 asks what that type needs and
    posts everything to the same URL. The case is made by services.register_case, as on the site.
    """
    model = Case
    permission_required = "add"
    page_title = _("Зарегистрировать обращение")
    header_icon = "mail"
    index_url_name = None
    edit_url_name = None
    register_url_name = None
    choose_template_name = "cases/admin/register_choose.html"
    template_name = "cases/admin/register.html"

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.index_url_name:
            items.append({"url": reverse(self.index_url_name), "label": capfirst(Case._meta.verbose_name_plural)})
        return items + [{"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        wanted = request.GET if request.GET.get("request_type") or request.GET.get("channel") else None
        choose = ChooseForm(wanted, initial={"channel": Case.PHONE})
        if wanted is None or request.GET.get("change") or not choose.is_valid():
            return self.render_choose(choose)
        route = self.route(choose)
        if route is None:
            return self.render_choose(choose)
        form = OfficerCaseForm(request_type=choose.cleaned_data["request_type"],
                               channel=choose.cleaned_data["channel"], route=route,
                               initial={"token": uuid.uuid4().hex, "language": "ru"})
        return self.render_form(choose, form)

    def post(self, request, *args, **kwargs):
        choose = ChooseForm(request.POST)
        if not choose.is_valid():
            return self.render_choose(choose)
        route = self.route(choose)
        if route is None:
            return self.render_choose(choose)
        data = request.POST.copy()
        if not data.get("token"):  # so that the form shown again still guards against a double submit
            data["token"] = uuid.uuid4().hex
        form = OfficerCaseForm(data, request_type=choose.cleaned_data["request_type"],
                               channel=choose.cleaned_data["channel"], route=route)
        if not form.is_valid():
            messages.error(request, _("Обращение не зарегистрировано: исправьте ошибки в форме."))
            return self.render_form(choose, form)
        try:
            case, _created = self.register(choose, form)
        except Exception:  # never a 500 page: the officer keeps everything typed and tries again
            log.exception("an officer could not register a case")
            messages.error(request, _("Не удалось зарегистрировать обращение. Попробуйте ещё раз; "
                                      "введённые данные сохранены в форме."))
            return self.render_form(choose, form)
        return self.registered(case)

    def route(self, choose):
        try:
            return services.route_for(choose.cleaned_data["request_type"])
        except routing.NoRoute:
            choose.add_error("request_type", _("Для этого типа обращения не настроено правило маршрутизации. "
                                               "Обратитесь к администратору."))
            return None

    def register(self, choose, form):
        data = form.cleaned_data
        channel = choose.cleaned_data["channel"]
        now = timezone.now()
        consent = services.consent_record(ConsentText.current(ConsentText.PERSONAL_DATA), now, source=channel)
        transfer = (services.consent_record(ConsentText.current(ConsentText.TRANSFER), now)
                    if data.get("transfer_consent") else None)
        token = data.get("token") or ""
        key = f"officer-{token}" if re.fullmatch(r"[0-9a-f]{32}", token) else None
        return services.register_case(
            request_type=choose.cleaned_data["request_type"], answers=form.answers(), consent=consent,
            transfer_consent=transfer, channel=channel, language=data["language"], submission_key=key,
            user=self.request.user, received_on=data.get("received_on"))

    def registered(self, case):
        """Off to the case if the officer may see it (their unit's case), else back to the queue."""
        message = _("Обращение %(reference)s зарегистрировано и направлено: %(unit)s. Срок ответа — "
                    "%(due)s. Код доступа для проверки статуса: %(code)s.") % {
            "reference": case.reference, "unit": case.unit.name, "due": f"{case.due_date:%d.%m.%Y}",
            "code": case.access_code}
        if services.visible_cases(self.request.user).filter(pk=case.pk).exists():
            messages.success(self.request, message)
            return HttpResponseRedirect(reverse(self.edit_url_name, args=(case.pk,)))
        messages.success(self.request, message + " " + str(_("Это обращение другого подразделения, "
                                                             "поэтому в вашей очереди его нет.")))
        return HttpResponseRedirect(reverse(self.index_url_name))

    def render_choose(self, choose):
        return self.render_to_response(self.get_context_data(choose=choose, step=1),
                                       template_name=self.choose_template_name)

    def render_form(self, choose, form):
        request_type = choose.cleaned_data["request_type"]
        context = self.get_context_data(
            choose=choose, form=form, step=2, channel=choose.cleaned_data["channel"], request_type=request_type,
            channel_label=dict(Case.CHANNEL_CHOICES)[choose.cleaned_data["channel"]],
            request_type_label=dict(REQUEST_TYPE_CHOICES)[request_type], route=form.route,
            errors=form.error_list() if form.is_bound else [], media=form.media,
            pd_text=ConsentText.current(ConsentText.PERSONAL_DATA),
            transfer_text=(ConsentText.current(ConsentText.TRANSFER) if "transfer_consent" in form.fields else None),
            action_url=reverse(self.register_url_name), submit_button_label=_("Зарегистрировать"),
            submit_button_active_label=_("Регистрация…"), has_unsaved_changes=form.is_bound,
            change_url=reverse(self.register_url_name) + "?" + urlencode(
                {"channel": choose.cleaned_data["channel"], "request_type": request_type, "change": "1"}))
        return self.render_to_response(context)

    def render_to_response(self, context, template_name=None, **kwargs):
        return self.response_class(request=self.request, template=[template_name or self.template_name],
                                   context=context, using=self.template_engine, **kwargs)


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
