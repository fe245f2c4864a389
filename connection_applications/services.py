"""Opening an application for a connection case, moving it through the stages, escalating
overdue stages; the admin views, the signal and the command call these."""
import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import emails
from cases.models import CalendarDay, Case, CaseEvent, OutgoingEmail
from cases.request_types import CONNECTION
from connection_applications.models import ConnectionApplication, ConnectionStage, StageMove
from connection_applications.rules import stages as rules

log = logging.getLogger(__name__)


class MoveError(Exception):
    """A move refused with a message for the officer (field name or None, message)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def stage_due(stage, entered_on, application=None, contract_due=None, calendar=None):
    anchor_on = None
    if stage.counted_from_id and application is not None:
        anchor = application.moves.filter(stage_id=stage.counted_from_id).order_by("-moved_at").first()
        if anchor is not None:
            anchor_on = anchor.moved_on
            if contract_due is None and anchor.contract_due and anchor.stage.deadline_days == stage.deadline_days:
                contract_due = anchor.due_date  # the contract's own term runs on
    return rules.stage_due_date(entered_on, stage.deadline_days, stage.deadline_kind,
                                calendar or CalendarDay.calendar(), anchor_on=anchor_on,
                                contract_due=contract_due)


def open_application(case, user=None):
    """The application of a connection case, at the first stage on the day the case was
    registered (or received). Returns None for other request types, for a case registered
    already answered or closed (imported history), or when no stage exists."""
    if case.request_type != CONNECTION or not case.is_open:
        return None
    existing = ConnectionApplication.objects.filter(case=case).first()
    if existing:
        return existing
    first = ConnectionStage.objects.order_by("order").first()
    if first is None:
        return None
    entered_on = case.received_on or timezone.localdate(case.created_at)
    with transaction.atomic():
        due = stage_due(first, entered_on)
        application = ConnectionApplication.objects.create(case=case, stage=first, stage_due_date=due)
        StageMove.objects.create(application=application, stage=first, moved_on=entered_on, user=user,
                                 due_date=due)
    return application


def queue_email(case, to, template, context, language, kind=OutgoingEmail.STAGE):
    """Through the cases outbox (stored with the case, sent after commit, retried by
    ``send_pending_emails``), rendered from this app's templates in ``language``."""
    with translation.override(language):
        context = {"case": case, "site_url": emails.site_url(), **context}
        subject = " ".join(render_to_string(f"connection_applications/emails/{template}_subject.txt",
                                            context).split())
        body = render_to_string(f"connection_applications/emails/{template}.txt", context)
    message = OutgoingEmail.objects.create(case=case, kind=kind, to=to, subject=subject[:255], body=body)
    transaction.on_commit(lambda: emails.send_ids([message.pk]))
    return message


def status_url(language):
    with translation.override(language):
        return emails.site_url() + reverse("cases:status")


def move(application_pk, stage_pk, user, *, from_stage_pk=None, moved_on=None, comment="",
         contract_due=None, queryset=None):
    """Move an application to the next stage; returns the StageMove.

    ``queryset`` is the applications the officer may see (an unknown or hidden one is refused
    like a missing one). ``from_stage_pk`` is the stage the officer's form showed: if the
    application moved meanwhile the move is refused rather than applied twice. Raises MoveError
    with the field and message to show; never anything else for bad input.
    """
    today = timezone.localdate()
    moved_on = moved_on or today
    if moved_on > today:
        raise MoveError("moved_on", _("Дата перехода не может быть в будущем."))
    stage = ConnectionStage.objects.filter(pk=stage_pk).first() if str(stage_pk).isdigit() else None
    if stage is None:
        raise MoveError("stage", _("Такого этапа нет. Выберите этап из списка."))
    queryset = ConnectionApplication.objects.all() if queryset is None else queryset
    with transaction.atomic():
        application = (queryset.select_for_update().select_related("case", "stage")
                       .filter(pk=application_pk).first())
        if application is None:
            raise MoveError(None, _("Заявка не найдена среди заявок, которые вы видите."))
        current = application.stage
        if from_stage_pk not in (None, "") and str(from_stage_pk) != str(current.pk):
            raise MoveError("stage", _("Заявку уже перевели на этап «%(stage)s». Проверьте историю ниже.")
                            % {"stage": current.name})
        orders = list(ConnectionStage.objects.values_list("order", flat=True))
        try:
            rules.check_move(current.order, stage.order, orders)
        except rules.MoveRefused as refused:
            raise MoveError("stage", refusal_message(refused.code, current, stage)) from None
        last = application.current_move
        if last is not None and moved_on < last.moved_on:
            raise MoveError("moved_on", _("Дата перехода не может быть раньше перехода на текущий этап "
                                          "(%(date)s).") % {"date": f"{last.moved_on:%d.%m.%Y}"})
        if contract_due is not None and contract_due < moved_on:
            raise MoveError("contract_due", _("Срок по договору не может быть раньше даты перехода."))
        due = stage_due(stage, moved_on, application, contract_due=contract_due)
        step = StageMove.objects.create(application=application, stage=stage, moved_on=moved_on, user=user,
                                        due_date=due, contract_due=contract_due is not None,
                                        comment=comment.strip())
        application.stage = stage
        application.stage_due_date = due
        application.save(update_fields=["stage", "stage_due_date"])
        case = application.case
        if case.email:
            step.outbox = queue_email(case, case.email, "stage", {
                "stage": stage, "move": step, "comment": step.comment, "final": stage.is_final,
                "status_url": status_url(case.language)}, case.language)
            step.save(update_fields=["outbox"])
    return step


def refusal_message(code, current, target):
    names = {"current": current.name, "target": target.name}
    if code == rules.FINISHED:
        return _("Заявка уже на последнем этапе «%(current)s»: дальше переводить некуда.") % names
    if code == rules.SAME:
        return _("Заявка уже на этапе «%(current)s». Выберите следующий этап.") % names
    if code == rules.BACKWARD:
        return _("Вернуть заявку на прежний этап «%(target)s» нельзя: этапы проходят только вперёд, "
                 "а заявителю уже сообщили о переходе. Если переход записан по ошибке, обратитесь к "
                 "администратору.") % names
    return _("Этапы нельзя пропускать: после «%(current)s» заявка переходит только на следующий этап.") % names


def overdue_applications(today=None):
    """Applications whose current stage is past its due date (the final stage never is, nor an
    application whose case was closed: withdrawn or annulled)."""
    today = today or timezone.localdate()
    last = ConnectionStage.objects.order_by("-order").values_list("pk", flat=True).first()
    return (ConnectionApplication.objects.filter(stage_due_date__lt=today).exclude(stage_id=last)
            .exclude(case__status=Case.CLOSED)
            .select_related("case__unit", "stage"))


def escalate_overdue(now=None):
    """Mark each newly overdue stage in the case's history and tell each unit's head, once per
    stage, as ``cases``' escalate_overdue does for the answer deadline. Returns
    (overdue, newly marked, heads notified)."""
    from collections import defaultdict

    now = now or timezone.now()
    by_unit = defaultdict(list)
    with transaction.atomic():
        overdue = [app for app in overdue_applications(timezone.localdate(now))
                   if rules.needs_escalation(app.stage.responsible)]
        newly = []
        for application in overdue:
            step = application.current_move
            if step is None or step.overdue_notified_at is not None:
                continue
            step.overdue_notified_at = now
            step.save(update_fields=["overdue_notified_at"])
            CaseEvent.objects.create(case=application.case, kind=CaseEvent.OVERDUE,
                                     new_value=f"{application.stage_due_date:%d.%m.%Y}",
                                     text=_("Просрочен этап присоединения «%(stage)s»") % {
                                         "stage": application.stage.name_ru or application.stage.name})
            newly.append(application)
            by_unit[application.case.unit].append(application)
        notified = 0
        for unit, applications in by_unit.items():
            recipient = unit.head_email or unit.email
            if recipient and not unit.is_third_party:
                queue_email(None, recipient, "overdue", {"unit": unit, "applications": applications}, "ru",
                            kind=OutgoingEmail.OVERDUE)
                notified += 1
    return len(overdue), len(newly), notified


def timeline_for(application, today=None):
    stages = list(ConnectionStage.objects.order_by("order"))
    entered, notes = {}, {}
    for step in application.moves.select_related("stage").order_by("moved_at", "pk"):
        entered[step.stage.order] = step.moved_on
        notes[step.stage.order] = step.comment
    return rules.timeline(stages, entered, application.stage.order, application.stage_due_date,
                          today or timezone.localdate(), notes=notes)
