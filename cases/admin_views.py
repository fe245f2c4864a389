"""Case officers' screens in the Wagtail admin: the queue, the case page, attachments, the
outbox and the registration of cases received by phone, at a personal visit or by letter.

Every view here that shows a case, or something of a case, asks ``cases.access`` (one rule:
officers see their units' cases, administrators see all; another unit's case is a 404).
The URLs the two case viewsets add (printed with ``viewset.get_urlpatterns()``) and what was
decided for each:

``/admin/case_queue/`` (CaseViewSet)
    ``""`` index, ``results/`` index_results
        filtered (``CaseIndexView.get_base_queryset``); the exports ``?export=csv`` and
        ``?export=xlsx`` are made by the same view from the same queryset, so they are filtered too.
    ``edit/<pk>/`` edit
        filtered (``CaseEditView.get_queryset``): 404 for another unit's case. Also the assignee
        list (only the unit's active officers) and linking an appeal (only to a visible case).
    ``history/<pk>/``, ``history-results/<pk>/`` history, history_results
        kept and filtered (``VisibleCaseMixin``). Case edits are no longer written to Wagtail's
        shared log, whose site-history report (``/admin/reports/site-history/``) is not filtered
        per object and listed other units' references; so this view shows only older entries, and
        the case's full history (``CaseEvent``: who, when, before and after) is on the case page.
    ``register/`` register
        no case yet; after registration the officer lands on the case only if they may see it.
    ``new/`` add, ``copy/<pk>/`` copy
        removed: a case comes only from the public form or the officers' registration.
    ``delete/<pk>/`` delete
        removed: a case and its history are kept for the retention period and then anonymised by
        ``purge_personal_data``; deleting one by hand would destroy the record the law asks for.
    ``usage/<pk>/`` usage
        removed: it would only list the appeals and e-mails of the case, already on its page.
    (no inspect view: ``inspect_view_enabled`` is off; the edit page is the case page.)

``/admin/case_outbox/`` (OutgoingEmailViewSet)
    ``""`` index, ``results/`` index_results
        filtered (``access.visible_emails``): e-mails of visible cases; e-mails without a case (the
        overdue summary to a unit head) for administrators only.
    ``inspect/<pk>/`` inspect
        filtered, and access codes and tokens in the text are shown as «••••» (``access.redact``).
    ``history/<pk>/``, ``history-results/<pk>/`` history, history_results
        filtered.
    ``delete/<pk>/`` delete
        kept for administrators (the only group with the permission), filtered like the rest.
    ``new/`` add, ``edit/<pk>/`` edit, ``copy/<pk>/`` copy, ``usage/<pk>/`` usage
        removed: messages are made by the system and are read-only.

``/admin/cases/attachment/<pk>/`` (``attachment``): filtered: 404 for another unit's case. It
also serves the documents officers send with a reply (``CaseAttachment.reply``), under the same rule.

Issue 18 added no case URL of its own: the reply document, the extension (``extend_days``,
``extend_reason``) and the referral (``refer_to``, ``refer_reason``) are fields of the case page
(``edit/<pk>/``, filtered as above: an officer of another unit gets 404 and changes nothing). The
call centre's hours are a generic setting, ``/admin/settings/cases/callcentresettings/`` and
``.../<pk>/``: Wagtail's setting views, which require ``cases.change_callcentresettings``
(administrators; case officers and editors are turned away). The citizen's URLs (the status page's
document download, the callback form) are listed in ``cases.status_details`` and ``cases.callback``.
Notes, replies and events have no views of their own: they are shown on the case page only.
The settings viewsets (units, routing rules, calendar, consent texts) hold no case data and only
administrators have permissions on them.
"""
import logging
import re
import uuid

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Case as DbCase, F, IntegerField, Q, Value, When
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

from cases import access, services
from cases.models import Case, CaseAttachment, CaseEvent, ConsentText, OutgoingEmail, Unit
from cases.forms import MultipleFileField
from cases.officer_forms import ChooseForm, OfficerCaseForm
from cases.request_types import APPEAL, CALLBACK, REQUEST_TYPE_CHOICES
from cases.rules import attachments as attachment_rules
from cases.rules import extensions, referrals, routing
from cases.rules import reference as reference_rules
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
        if instance.due_at:
            date = timezone.localtime(instance.due_at).strftime("%d.%m.%Y %H:%M")
        if instance.is_overdue:
            return format_html('<strong>{}</strong> <span class="w-status w-status--label">{}</span>',
                               date, _("просрочено"))
        return date


class VisibleCaseMixin:
    """For Wagtail's object views built on BaseObjectMixin (history, usage): only visible cases."""

    def get_base_object_queryset(self):
        return access.visible_cases(self.request.user, super().get_base_object_queryset())


class CaseHistoryView(VisibleCaseMixin, generic.HistoryView):
    pass


class CaseIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    register_url_name = None

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("unit", "assigned_to")
        return access.visible_cases(self.request.user, queryset)

    def order_queryset(self, queryset):
        """Unless the officer sorts by a column: open callback requests first, the soonest due
        first (their target is hours, not days), then everything else by due date."""
        if self.is_explicitly_ordered:
            return super().order_queryset(queryset)
        open_callback = Q(request_type=CALLBACK, status__in=Case.OPEN_STATUSES)
        return queryset.annotate(
            callback_first=DbCase(When(open_callback, then=Value(0)), default=Value(1), output_field=IntegerField()),
            callback_due=DbCase(When(open_callback, then=F("due_at")), default=None),
        ).order_by("callback_first", F("callback_due").asc(nulls_last=True), "due_date", "created_at", "pk")

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
        return access.visible_cases(self.request.user, Case.objects.select_related("unit"))

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        CaseEvent.objects.create(case=self.object, user=request.user, kind=CaseEvent.VIEWED)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.before = services.snapshot(self.object)
        return super().post(request, *args, **kwargs)

    def save_instance(self):
        # Not written to Wagtail's shared log: its site-history report lists every entry of a
        # model to anyone with a permission on it, so other units' cases would show there. The
        # case's own history (CaseEvent, on the case page) records every change instead.
        self.action_class(self.form.instance, user=self.request.user, form=self.form,
                          log_action=False).execute(skip_permission_checks=True)
        instance = self.form.instance
        data = self.form.cleaned_data
        services.record_officer_changes(instance, self.before, self.request.user,
                                        note=data.get("new_note", ""), reply=data.get("reply", ""),
                                        appeal_of=data.get("appeal_reference"),
                                        documents=self.form.reply_documents)
        try:  # checked in the form already; checked again under a row lock here
            if data.get("extend_days"):
                services.extend_deadline(instance, data["extend_days"], data.get("extend_reason", ""),
                                         self.request.user)
            if data.get("refer_to"):
                services.refer_case(instance, data["refer_to"], data.get("refer_reason", ""), self.request.user)
        except (extensions.ExtensionRefused, referrals.ReferralRefused) as refused:
            messages.error(self.request, refused.message)
        instance.refresh_from_db()
        return instance


class CaseAdminForm(WagtailAdminModelForm):
    new_note = forms.CharField(label=_("Добавить внутреннюю заметку"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("Видят только сотрудники; заявителю не отправляется."))
    reply = forms.CharField(label=_("Ответ заявителю"), required=False,
                            widget=forms.Textarea(attrs={"rows": 6}),
                            help_text=_("Отправляется на электронную почту заявителя на его языке и сохраняется в истории."))
    reply_document = MultipleFileField(
        label=_("Документы к ответу"), required=False,
        help_text=_("До %(max)d файлов PDF, JPG или PNG, каждый до 10 МБ. Заявитель скачает их на странице статуса "
                    "обращения по номеру и коду доступа. Отправляются только вместе с ответом.")
        % {"max": attachment_rules.MAX_FILES})
    extend_days = forms.IntegerField(
        label=_("Продлить срок ответа на, дней"), required=False, min_value=1,
        max_value=extensions.MAX_EXTENSION_DAYS,
        help_text=_("Только один раз и не больше чем на %(max)d дней (ст. 12 Федерального закона № 59-ФЗ). "
                    "Заявителю придёт письмо с новым сроком и причиной.") % {"max": extensions.MAX_EXTENSION_DAYS},
        error_messages={"min_value": _("Продлить срок можно на 1–%(max)d дней.") % {"max": extensions.MAX_EXTENSION_DAYS},
                        "max_value": _("Срок можно продлить не больше чем на %(max)d дней (ст. 12 Федерального "
                                       "закона № 59-ФЗ).") % {"max": extensions.MAX_EXTENSION_DAYS},
                        "invalid": _("Введите число дней, например 10.")})
    extend_reason = forms.CharField(
        label=_("Причина продления"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Её прочитает заявитель в письме и на странице статуса."))
    refer_to = forms.ModelChoiceField(
        label=_("Направить по принадлежности"), required=False,
        queryset=Unit.objects.filter(kind=Unit.THIRD_PARTY),
        help_text=_("Если вопрос не в ведении компании: не позднее 7 дней со дня получения (ст. 8 "
                    "Федерального закона № 59-ФЗ), только с согласия заявителя на передачу данных."),
        error_messages={"invalid_choice": _("Выберите организацию из списка.")})
    refer_reason = forms.CharField(
        label=_("Почему направляется туда"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Её прочитает заявитель: в чьём ведении вопрос и что будет дальше."))
    appeal_reference = forms.CharField(
        label=_("Связать с обжалуемым обращением"), required=False, max_length=30,
        help_text=_("Номер обращения, решение по которому обжалуется, например ЕО-2026-7K3Q9. "
                    "Связать можно только с обращением, которое вы видите в своей очереди."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = self.for_user
        if self.instance.request_type != APPEAL or self.instance.appeal_of_id:
            self.fields.pop("appeal_reference", None)
        if self.instance.request_type != APPEAL:
            self.fields.pop("appeal_decision", None)
        if "assigned_to" in self.fields:
            self._limit_assignees()
        self.reply_documents = []
        if self.instance.pk and self.instance.extended_at:
            self.fields["extend_days"].help_text = _(
                "Срок уже продлён %(date)s; повторно продлить нельзя.") % {
                "date": timezone.localtime(self.instance.extended_at).strftime("%d.%m.%Y")}
        if self.instance.pk:
            due = services.referral_due(self.instance)
            if self.instance.referred_to_id:
                self.fields["refer_to"].help_text = _("Уже направлено: %(body)s.") % {
                    "body": self.instance.referred_to.name}
            elif not self.instance.transfer_consent:
                self.fields["refer_to"].help_text = _(
                    "Заявитель не дал согласия на передачу данных третьей стороне: направить нельзя, "
                    "ответьте, куда обратиться напрямую.")
            else:
                self.fields["refer_to"].help_text = _(
                    "Направить не позднее %(date)s (7 дней со дня получения, ст. 8 Федерального закона "
                    "№ 59-ФЗ). Заявителю придёт письмо, куда и почему.") % {"date": due.strftime("%d.%m.%Y")}

    # --- reply documents, extension, referral ---------------------------------------------------

    def clean_reply_document(self):
        uploads = self.cleaned_data.get("reply_document") or []
        if len(uploads) > attachment_rules.MAX_FILES:
            raise forms.ValidationError(_("К ответу можно приложить не больше %(max)d файлов.")
                                        % {"max": attachment_rules.MAX_FILES}, code="too_many")
        problems, checked = [], []
        for upload in uploads:
            try:
                checked.append((upload, attachment_rules.check_upload(upload)))
            except forms.ValidationError as error:  # a clear message naming the file
                problems.append(error)
        if problems:
            raise forms.ValidationError(problems)
        self.reply_documents = checked
        return uploads

    def clean(self):
        data = super().clean()
        if data.get("reply_document") and not (data.get("reply") or "").strip():
            self.add_error("reply_document", _("Документ отправляется вместе с ответом: напишите текст ответа."))
        days = data.get("extend_days")
        reason = data.get("extend_reason", "")
        if days:
            try:
                extensions.extended_due_date(self.instance.due_date, days,
                                             times_extended=1 if self.instance.extended_at else 0,
                                             reason=reason, calendar=services.CalendarDay.calendar(),
                                             in_hours=self.instance.due_at is not None)
            except extensions.ExtensionRefused as refused:
                self.add_error("extend_reason" if refused.code == "no_reason" else "extend_days", refused.message)
        elif reason.strip() and not self.has_error("extend_days"):
            self.add_error("extend_days", _("Укажите, на сколько дней продлить срок, или очистите причину."))
        body = data.get("refer_to")
        referral_reason = data.get("refer_reason", "")
        if body:
            try:
                referrals.check_referral(transfer_consent=self.instance.transfer_consent,
                                         body_is_third_party=body.is_third_party,
                                         already_referred=self.instance.referred_to_id is not None,
                                         reason=referral_reason)
            except referrals.ReferralRefused as refused:
                self.add_error("refer_reason" if refused.code == "no_reason" else "refer_to", refused.message)
        elif referral_reason.strip() and not self.has_error("refer_to"):
            self.add_error("refer_to", _("Выберите, куда направить обращение, или очистите причину."))
        return data

    # --- the assignee: an active officer of the case's unit ------------------------------------

    def _unit(self):
        """The unit the case will have: the one posted (the officer may move the case), else its own."""
        from cases.models import Unit

        unit_id = self.instance.unit_id
        if self.is_bound:
            posted = self.data.get(self.add_prefix("unit"))
            if posted and str(posted).isdigit():
                unit_id = int(posted)
        return Unit.objects.filter(pk=unit_id).first() if unit_id else None

    def _limit_assignees(self):
        unit = self._unit()
        field = self.fields["assigned_to"]
        allowed = access.unit_officers(unit)
        current = self.instance.assigned_to_id
        if current and unit is not None and unit.pk == self.instance.unit_id:
            # someone assigned earlier who has since left the unit may stay until changed
            allowed = allowed.model.objects.filter(Q(pk__in=allowed.values("pk")) | Q(pk=current))
        field.queryset = allowed.order_by("last_name", "first_name", "username")
        name = unit.name if unit is not None else "—"
        field.help_text = _("Только действующие сотрудники подразделения «%(unit)s».") % {"unit": name}
        # ModelChoiceField formats this message once more with the posted value: keep "%" literal
        field.error_messages["invalid_choice"] = _(
            "Исполнителем можно назначить только действующего сотрудника подразделения «%(unit)s».") % {
            "unit": name.replace("%", "%%")}

    def clean_appeal_reference(self):
        value = reference_rules.normalise_reference(self.cleaned_data.get("appeal_reference", ""))
        if not value:
            return None
        if not reference_rules.is_valid_reference(value):
            raise forms.ValidationError(_("Введите номер обращения в виде ЕО-2026-7K3Q9"), code="invalid")
        earlier = access.visible_cases(self.user, Case.objects.select_related("unit")).filter(
            reference=value).exclude(pk=self.instance.pk).first()
        if earlier is None:
            raise forms.ValidationError(
                _("Обращение %(reference)s не найдено среди обращений, которые вы видите. Связать можно "
                  "только с обращением из вашей очереди; с другим свяжет администратор.") % {"reference": value},
                code="not_visible")
        return earlier


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
                         FieldPanel("appeal_reference"), FieldPanel("appeal_decision")],
                        heading=_("Работа с обращением")),
        FieldPanel("reply"),
        FieldPanel("reply_document"),
        FieldPanel("new_note"),
        MultiFieldPanel([FieldPanel("extend_days"), FieldPanel("extend_reason")],
                        heading=_("Продление срока")),
        MultiFieldPanel([FieldPanel("refer_to"), FieldPanel("refer_reason")],
                        heading=_("Направление по принадлежности")),
        CaseInfoPanel("cases/admin/case_history.html", heading=_("История")),
    ], base_form_class=CaseAdminForm)

    history_view_class = CaseHistoryView
    REMOVED_VIEWS = ("add", "copy", "delete", "usage")  # see the module docstring

    def get_urlpatterns(self):
        # No empty cases from the generic add view: a case comes in through the public form or is
        # registered by an officer (RegisterCaseView); both go through services.register_case.
        patterns = [p for p in super().get_urlpatterns() if getattr(p, "name", "") not in self.REMOVED_VIEWS]
        return patterns + [path("register/", self.register_view, name="register")]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"delete_url_name": None, "usage_url_name": None,
                                                 "add_url_name": None, **kwargs})

    def get_index_view_kwargs(self, **kwargs):
        return {**super().get_index_view_kwargs(**kwargs), "add_url_name": None,
                "register_url_name": self.get_url_name("register")}

    @property
    def register_view(self):
        return self.construct_view(RegisterCaseView, register_url_name=self.get_url_name("register"))


class OutboxIndexView(generic.IndexView):
    def get_base_queryset(self):
        return access.visible_emails(self.request.user, super().get_base_queryset().select_related("case"))


class OutboxInspectView(generic.InspectView):
    """One message, read-only; access codes and tokens in it are shown as «••••»."""

    def get_object(self, queryset=None):
        return get_object_or_404(access.visible_emails(self.request.user), pk=self.pk)

    def get_body_display_value(self):
        return access.redact(self.object.body, self.object.case)

    def get_subject_display_value(self):
        return access.redact(self.object.subject, self.object.case)

    def get_last_error_display_value(self):
        return access.redact(self.object.last_error, self.object.case) or "—"

    def get_field_label(self, field_name, field):
        if field_name == "case":  # the foreign key has no verbose name of its own: "Case"
            return capfirst(Case._meta.verbose_name)
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None else value  # not "None" (an e-mail not sent yet)


class OutboxObjectMixin:
    def get_base_object_queryset(self):
        return access.visible_emails(self.request.user, super().get_base_object_queryset())


class OutboxHistoryView(OutboxObjectMixin, generic.HistoryView):
    pass


class OutboxDeleteView(generic.DeleteView):
    def get_queryset(self):
        return access.visible_emails(self.request.user)


class OutgoingEmailViewSet(ModelViewSet):
    """The outbox, read-only; URLs and what each shows: see the module docstring."""
    model = OutgoingEmail
    icon = "mail"
    list_display = ["subject", "kind", "to", "status", "attempts", "created_at"]
    list_filter = ["status", "kind"]
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = ["case", "kind", "to", "subject", "body", "status", "attempts", "last_error",
                           "created_at", "sent_at"]
    form_fields = []  # read-only: messages are made by the system
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    history_view_class = OutboxHistoryView
    delete_view_class = OutboxDeleteView
    REMOVED_VIEWS = ("add", "edit", "copy", "usage")

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if getattr(p, "name", "") not in self.REMOVED_VIEWS]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, "edit_url_name": None,
                                                 "usage_url_name": None, **kwargs})


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
        answers = form.answers()
        appeal_of = None
        if choose.cleaned_data["request_type"] == APPEAL and answers.get("earlier_reference"):
            # linked at once only to a case this officer may see; otherwise filed unlinked
            appeal_of = access.visible_cases(self.request.user, Case.objects.select_related("unit")).filter(
                reference=answers["earlier_reference"]).first()
        return services.register_case(
            request_type=choose.cleaned_data["request_type"], answers=answers, consent=consent,
            transfer_consent=transfer, channel=channel, language=data["language"], submission_key=key,
            user=self.request.user, received_on=data.get("received_on"), appeal_of=appeal_of)

    def registered(self, case):
        """Off to the case if the officer may see it (their unit's case), else back to the queue."""
        message = _("Обращение %(reference)s зарегистрировано и направлено: %(unit)s. Срок ответа — "
                    "%(due)s. Код доступа для проверки статуса: %(code)s.") % {
            "reference": case.reference, "unit": case.unit.name, "due": f"{case.due_date:%d.%m.%Y}",
            "code": case.access_code}
        if access.can_see_case(self.request.user, case):
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
    if not request.user.has_perm("cases.view_case"):
        raise PermissionDenied
    item = get_object_or_404(access.visible_children(request.user, CaseAttachment.objects.select_related("case")),
                             pk=pk)
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
