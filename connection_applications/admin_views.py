"""Officers move connection applications through their stages in the Wagtail admin.

The URLs this app adds to the admin, and who may use each (every one is tested in
``tests/connection_applications/test_admin_permissions.py``):

``/admin/connection-applications/`` (``index``, name ``connection_applications:index``)
    The applications of the cases the officer may see (``cases.access.visible_cases``: their
    units' cases; administrators see all), overdue stages first. Needs the permission
    ``connection_applications.change_connectionapplication`` (the Case officers group has it):
    without it the view raises PermissionDenied, which Wagtail answers by sending the user back to
    the dashboard with a message.
``/admin/connection-applications/<pk>/`` (``move``, name ``connection_applications:move``)
    GET: the application, its timeline and dated history, and the move form; POST: the move.
    Same permission; an application of a case the officer may not see is a
    404, as if it did not exist; bad input (an unknown or forged stage, a stage skipped or gone
    back to, a date in the future) is shown next to the field, the values kept, never a 500.
``/admin/connection_stages/...`` (``ConnectionStageViewSet``: index, add, edit, delete, copy,
    history, usage, inspect if enabled)
    The stages as data; Wagtail's model permissions on ``ConnectionStage``, which only the
    Administrators group holds: anyone else is sent back to the dashboard. A stage that any
    application has reached is not deleted (a message says why): its dated history points at it.
"""
from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases import access
from connection_applications import services
from connection_applications.models import ConnectionApplication, ConnectionStage

PERMISSION = "connection_applications.change_connectionapplication"


def visible_applications(user):
    """Applications of the cases ``user`` may see (the rule is ``cases.access``)."""
    return ConnectionApplication.objects.filter(case__in=access.visible_cases(user).values("pk"))


class MoveForm(forms.Form):
    stage = forms.CharField(label=_("Перевести на этап"), widget=forms.RadioSelect,
                            error_messages={"required": _("Выберите этап, на который переходит заявка.")})
    moved_on = forms.DateField(label=_("Дата перехода"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("Пусто — сегодня. Не раньше перехода на текущий этап и не в будущем."),
                               error_messages={"invalid": _("Введите дату в виде 31.12.2026.")})
    contract_due = forms.DateField(label=_("Срок этапа по договору"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}),
                                   help_text=_("Только если договор устанавливает другой срок (п. 16 «б» "
                                               "Правил, постановление № 861). Пусто — срок из справочника этапов."),
                                   error_messages={"invalid": _("Введите дату в виде 31.12.2026.")})
    comment = forms.CharField(label=_("Сообщение заявителю"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Уходит заявителю в письме о переходе и видно на странице статуса."))
    from_stage = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        stages = list(ConnectionStage.objects.order_by("order"))
        self.fields["stage"].widget.choices = [(str(stage.pk), str(stage)) for stage in stages]
        following = [stage for stage in stages if stage.order > application.stage.order]
        if not self.is_bound:
            self.initial.setdefault("from_stage", str(application.stage_id))
            if following:
                self.initial.setdefault("stage", str(following[0].pk))


class ApplicationAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ApplicationIndexView(ApplicationAdminMixin, TemplateView):
    template_name = "connection_applications/admin/index.html"
    page_title = _("Заявки на присоединение")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        applications = (visible_applications(self.request.user)
                        .select_related("case__unit", "stage").order_by("stage_due_date", "created_at"))
        overdue_only = self.request.GET.get("overdue") == "1"
        if overdue_only:
            applications = applications.filter(pk__in=services.overdue_applications().values("pk"))
        page = Paginator(applications, 50).get_page(self.request.GET.get("p"))
        context.update(page=page, overdue_only=overdue_only, today=timezone.localdate())
        return context


class ApplicationMoveView(ApplicationAdminMixin, TemplateView):
    template_name = "connection_applications/admin/move.html"
    page_title = _("Заявка на присоединение")

    def get_application(self):
        return get_object_or_404(visible_applications(self.request.user).select_related("case__unit", "stage"),
                                 pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.application.case.reference

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("connection_applications:index"), "label": _("Заявки на присоединение")},
            {"url": "", "label": self.application.case.reference}]

    def get(self, request, *args, **kwargs):
        self.application = self.get_application()
        return self.render_to_response(self.get_context_data(form=MoveForm(application=self.application)))

    def post(self, request, *args, **kwargs):
        self.application = self.get_application()
        form = MoveForm(request.POST, application=self.application)
        if form.is_valid():
            data = form.cleaned_data
            try:
                step = services.move(self.application.pk, data["stage"], request.user,
                                     from_stage_pk=data["from_stage"], moved_on=data["moved_on"],
                                     comment=data["comment"], contract_due=data["contract_due"],
                                     queryset=visible_applications(request.user))
            except services.MoveError as error:
                form.add_error(error.field, error.message)
            else:
                text = _("Заявка %(reference)s переведена на этап «%(stage)s».") % {
                    "reference": self.application.case.reference, "stage": step.stage.name}
                if step.outbox_id:
                    text += " " + str(_("Заявителю отправлено письмо."))
                else:
                    text += " " + str(_("Электронной почты у заявителя нет: сообщите ему о переходе другим способом."))
                messages.success(request, text)
                return self.redirect_to_self()
        messages.error(request, _("Заявка не переведена: исправьте ошибки в форме."))
        self.application.refresh_from_db()
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def redirect_to_self(self):
        from django.http import HttpResponseRedirect

        return HttpResponseRedirect(reverse("connection_applications:move", args=(self.application.pk,)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        context.update(
            application=application, case=application.case, steps=services.timeline_for(application),
            moves=application.moves.select_related("stage", "user", "outbox").order_by("moved_at", "pk"),
            errors=[(name, error) for name, errors in context["form"].errors.items() for error in errors])
        return context
