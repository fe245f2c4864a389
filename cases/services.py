"""Registering cases and officers' actions on them; views and the admin call these."""
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from cases import emails
from cases.models import CalendarDay, Case, CaseEvent, CaseNote, CaseReply, RoutingRule
from cases.request_types import APPEAL
from cases.rules import deadlines, routing

CASE_FIELDS = ("applicant_name", "email", "phone", "postal_address", "site_address", "account_number",
               "application_number", "earlier_reference", "message")


def routes():
    return {rule.request_type: rule.as_route()
            for rule in RoutingRule.objects.select_related("unit")}


def route_for(request_type):
    return routing.choose_route(request_type, routes())


def compute_due_date(route, start):
    return deadlines.due_date(start, route.deadline_days, route.deadline_kind, CalendarDay.calendar())


def consent_record(text, at, **extra):
    """What a case keeps of a consent: when it was given and which version of ``text`` (a
    ConsentText or None), plus e.g. its source."""
    return {"at": at, "version": text.version if text else "", **extra}


def register_case(*, request_type, answers, consent, transfer_consent=None, attachments=(),
                  channel=Case.WEB, language="ru", submission_key=None, user=None, received_on=None,
                  appeal_of=None):
    """Save the case, its history and its outgoing e-mails in one transaction.

    ``answers`` holds the applicant's fields; ``consent`` is {"at", "version", "source"};
    ``attachments`` are dicts with the stored path, original name, type and size.
    ``user`` is the officer who registers a case received by phone, at a visit or by letter;
    ``received_on`` is the day such a request arrived (a letter's date of receipt): the due date
    counts from it instead of from today. It may not be in the future.
    ``appeal_of`` is the earlier case an appeal is attached to, already checked by the caller
    (the citizen gave its access code, or the officer may see it): the appeal goes to the higher
    unit of that case. An appeal without it is filed unlinked, whatever ``earlier_reference`` says.
    Returns (case, created): a repeated ``submission_key`` (double submit) returns the first case.
    """
    if submission_key:
        existing = Case.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing, False
    route = route_for(request_type)
    now = timezone.now()
    today = timezone.localdate(now)
    if received_on is not None and received_on > today:
        raise ValueError("received_on must not be in the future")
    start = received_on or today
    values = {name: (answers.get(name) or "") for name in CASE_FIELDS}
    details = {key: value for key, value in answers.items() if key not in CASE_FIELDS and value not in ("", None)}
    case = Case(request_type=request_type, channel=channel, language=language, unit_id=route.unit_id,
                due_date=compute_due_date(route, start), created_at=now, received_on=received_on,
                routing_reason=route.reason, submission_key=submission_key, details=details, **values)
    if consent:
        case.consent_at = consent["at"]
        case.consent_version = consent["version"]
        case.consent_source = consent["source"][:255]
    if transfer_consent:
        case.transfer_consent = True
        case.transfer_consent_at = transfer_consent["at"]
        case.transfer_consent_version = transfer_consent["version"]
    forward = routing.may_forward(route, case.transfer_consent)
    if request_type == APPEAL and appeal_of is not None:
        case.appeal_of = appeal_of
        if appeal_of.unit.higher_unit_id:
            case.unit_id = appeal_of.unit.higher_unit_id
    try:
        with transaction.atomic():
            if forward:
                case.status = Case.FORWARDED
                case.forwarded_at = now
            case.save()
            text = f"{case.get_channel_display()}; {case.unit.name}"
            if received_on is not None:
                text += "; " + gettext("получено %(date)s") % {"date": f"{received_on:%d.%m.%Y}"}
            CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.CREATED, created_at=now,
                                     new_value=case.get_status_display()[:255], text=text)
            for item in attachments:
                case.attachments.create(file=item["path"], original_name=item["name"][:255],
                                        content_type=item["content_type"], size=item["size"])
            if forward:
                CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.FORWARDED, created_at=now,
                                         new_value=case.unit.name[:255], text=case.unit.email)
                if case.unit.email:
                    emails.queue(case, emails.OutgoingEmail.FORWARD, case.unit.email, "forward",
                                 {"unit": case.unit}, "ru")
            if case.email:
                emails.queue(case, emails.OutgoingEmail.ACK, case.email, "acknowledgement",
                             {"forwarded": forward, "route": route,
                              "needs_consent": route.is_third_party and not forward},
                             language)
    except IntegrityError:
        if submission_key:
            existing = Case.objects.filter(submission_key=submission_key).first()
            if existing:
                return existing, False
        raise
    return case, True


FIELD_EVENTS = {"status": CaseEvent.STATUS, "unit": CaseEvent.UNIT, "assigned_to": CaseEvent.ASSIGNED}


def _display(case, field):
    if field == "status":
        return str(case.get_status_display())
    related = getattr(case, field)
    return str(related) if related else "—"


def record_officer_changes(case, before, user, note="", reply="", appeal_of=None):
    """Write what an officer changed into the history; send the reply through the outbox.
    ``appeal_of``: the earlier case an unlinked appeal is now linked to (checked by the caller:
    the officer may see it)."""
    with transaction.atomic():
        if appeal_of is not None and case.appeal_of_id is None and appeal_of.pk != case.pk:
            case.appeal_of = appeal_of
            case.save(update_fields=["appeal_of"])
            CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.LINKED,
                                     new_value=appeal_of.reference[:255])
        for field, kind in FIELD_EVENTS.items():
            old = before.get(field)
            new = getattr(case, f"{field}_id" if field != "status" else field)
            if old != new:
                CaseEvent.objects.create(case=case, user=user, kind=kind,
                                         old_value=before.get(f"{field}_display", "")[:255],
                                         new_value=_display(case, field)[:255])
        if case.status == Case.CLOSED and not case.closed_at:
            case.closed_at = timezone.now()
            case.save(update_fields=["closed_at"])
        elif case.status != Case.CLOSED and case.closed_at:
            case.closed_at = None
            case.save(update_fields=["closed_at"])
        if note.strip():
            CaseNote.objects.create(case=case, author=user, text=note.strip())
            CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.NOTE, text=note.strip())
        if reply.strip():
            outbox = None
            if case.email:
                outbox = emails.queue(case, emails.OutgoingEmail.REPLY, case.email, "reply",
                                      {"reply": reply.strip()}, case.language)
            CaseReply.objects.create(case=case, author=user, text=reply.strip(), outbox=outbox)
            CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.REPLY, text=reply.strip())


def snapshot(case):
    return {"status": case.status, "status_display": str(case.get_status_display()),
            "unit": case.unit_id, "unit_display": str(case.unit) if case.unit_id else "—",
            "assigned_to": case.assigned_to_id,
            "assigned_to_display": str(case.assigned_to) if case.assigned_to_id else "—"}


def visible_cases(user, queryset=None):
    """The cases ``user`` may see (the rule lives in ``cases.access``)."""
    from cases import access

    return access.visible_cases(user, queryset)


def overdue_cases(today=None):
    today = today or timezone.localdate()
    return Case.objects.filter(status__in=Case.OPEN_STATUSES, due_date__lt=today)

