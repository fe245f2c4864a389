"""Registering cases and officers' actions on them; views and the admin call these."""
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, override

from cases import access, emails
from cases.models import (CalendarDay, CallCentreSettings, Case, CaseAttachment, CaseEvent, CaseNote, CaseReply,
                          RoutingRule)
from cases.request_types import APPEAL
from cases.rules import callbacks, deadlines, extensions, referrals, routing

CASE_FIELDS = ("applicant_name", "email", "phone", "postal_address", "site_address", "account_number",
               "application_number", "earlier_reference", "message")


def routes():
    return {rule.request_type: rule.as_route()
            for rule in RoutingRule.objects.select_related("unit")}


def route_for(request_type):
    return routing.choose_route(request_type, routes())


def compute_due_date(route, start):
    return deadlines.due_date(start, route.deadline_days, route.deadline_kind, CalendarDay.calendar())


def callback_due(route, requested_at, window=None):
    """When a callback is due (``cases.rules.callbacks``), in the call centre's hours."""
    hours = CallCentreSettings.current()
    return callbacks.callback_due(timezone.localtime(requested_at), route.deadline_days, opens=hours.opens_at,
                                  closes=hours.closes_at, calendar=CalendarDay.calendar(), window=window)


def consent_record(text, at, **extra):
    """What a case keeps of a consent: when it was given and which version of ``text`` (a
    ConsentText or None), plus e.g. its source."""
    return {"at": at, "version": text.version if text else "", **extra}


def register_case(*, request_type, answers, consent, transfer_consent=None, attachments=(),
                  channel=Case.WEB, language="ru", submission_key=None, user=None, received_on=None,
                  appeal_of=None, callback_window=None):
    """Save the case, its history and its outgoing e-mails in one transaction.

    ``answers`` holds the applicant's fields; ``consent`` is {"at", "version", "source"};
    ``attachments`` are dicts with the stored path, original name, type and size.
    ``user`` is the officer who registers a case received by phone, at a visit or by letter;
    ``received_on`` is the day such a request arrived (a letter's date of receipt): the due date
    counts from it instead of from today. It may not be in the future.
    ``appeal_of`` is the earlier case an appeal is attached to, already checked by the caller
    (the citizen gave its access code, or the officer may see it): the appeal goes to the higher
    unit of that case. An appeal without it is filed unlinked, whatever ``earlier_reference`` says.
    ``callback_window`` is the (start, end) a callback request asked for; a rule counted in
    hours (the callback) sets ``due_at`` from the call centre's hours.
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
    if route.deadline_kind == deadlines.HOURS:
        due_at = callback_due(route, now, callback_window)
        due_date = timezone.localdate(due_at)
    else:
        due_at, due_date = None, compute_due_date(route, start)
    case = Case(request_type=request_type, channel=channel, language=language, unit_id=route.unit_id,
                due_date=due_date, due_at=due_at, created_at=now, received_on=received_on,
                routing_reason=route.reason, submission_key=submission_key, details=details, **values)
    if callback_window:
        case.callback_from, case.callback_to = callback_window
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


def record_officer_changes(case, before, user, note="", reply="", appeal_of=None, documents=()):
    """Write what an officer changed into the history; send the reply through the outbox.
    ``appeal_of``: the earlier case an unlinked appeal is now linked to (checked by the caller:
    the officer may see it). ``documents``: uploaded files (already checked) sent with the reply;
    the applicant downloads them from the status page."""
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
        if before.get("appeal_decision", "") != case.appeal_decision:
            CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.DECIDED,
                                     old_value=before.get("appeal_decision_display", ""),
                                     new_value=str(case.get_appeal_decision_display() or "—")[:255])
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
            reply_obj = CaseReply.objects.create(case=case, author=user, text=reply.strip())
            for upload, content_type in documents:
                item = CaseAttachment(case=case, reply=reply_obj, original_name=upload.name[:255],
                                      content_type=content_type, size=upload.size)
                item.file.save(upload.name, upload, save=False)
                item.save()
            if case.email:
                reply_obj.outbox = emails.queue(case, emails.OutgoingEmail.REPLY, case.email, "reply",
                                                {"reply": reply.strip(), "documents": list(reply_obj.documents.all())},
                                                case.language)
                reply_obj.save(update_fields=["outbox"])
            CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.REPLY, text=reply.strip())


# --- extension and referral ------------------------------------------------------------------

def extend_deadline(case, days, reason, user=None):
    """Extend the case's deadline once (``cases.rules.extensions``), record it, tell the applicant
    in their language. Raises ``extensions.ExtensionRefused``."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        new_due = extensions.extended_due_date(
            case.due_date, days, times_extended=1 if case.extended_at else 0, reason=reason,
            calendar=CalendarDay.calendar(), in_hours=case.due_at is not None)
        old_due = case.due_date
        case.due_date_before_extension = old_due
        case.due_date = new_due
        case.extended_at = timezone.now()
        case.extension_reason = reason.strip()
        case.save(update_fields=["due_date_before_extension", "due_date", "extended_at", "extension_reason",
                                 "updated_at"])
        CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.EXTENDED, old_value=f"{old_due:%d.%m.%Y}",
                                 new_value=f"{new_due:%d.%m.%Y}", text=case.extension_reason)
        if case.email:
            emails.queue(case, emails.OutgoingEmail.EXTENSION, case.email, "extension", {}, case.language)
    return case


def referral_due(case):
    """The last day to refer the case (7 days from receipt, ``cases.rules.referrals``)."""
    received = case.received_on or timezone.localdate(case.created_at)
    return referrals.referral_due(received, CalendarDay.calendar())


def refer_case(case, body, reason, user=None):
    """Refer the case to the competent body ``body`` (a third-party Unit) with the applicant's
    transfer consent; the body gets the case by e-mail, the applicant is told where and why.
    Raises ``referrals.ReferralRefused``."""
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
        referrals.check_referral(transfer_consent=case.transfer_consent,
                                 body_is_third_party=body is not None and body.is_third_party,
                                 already_referred=case.referred_to_id is not None, reason=reason)
        now = timezone.now()
        before = case.get_status_display()
        case.referred_to = body
        case.referred_at = now
        case.referral_reason = reason.strip()
        case.status = Case.FORWARDED
        case.forwarded_at = case.forwarded_at or now
        case.save(update_fields=["referred_to", "referred_at", "referral_reason", "status", "forwarded_at",
                                 "updated_at"])
        late = now.date() > referral_due(case)
        CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.REFERRED, new_value=body.name[:255],
                                 text=case.referral_reason + (" " + gettext("(позже 7 дней)") if late else ""))
        if str(before) != str(case.get_status_display()):
            CaseEvent.objects.create(case=case, user=user, kind=CaseEvent.STATUS, old_value=str(before)[:255],
                                     new_value=str(case.get_status_display())[:255])
        if body.email:
            emails.queue(case, emails.OutgoingEmail.FORWARD, body.email, "forward", {"unit": body}, "ru")
        if case.email:
            emails.queue(case, emails.OutgoingEmail.REFERRAL, case.email, "referral", {"body": body},
                         case.language)
    return case


# --- what the applicant sees on the status page ------------------------------------------------

PUBLIC_EVENTS = (CaseEvent.CREATED, CaseEvent.STATUS, CaseEvent.UNIT, CaseEvent.FORWARDED, CaseEvent.REPLY,
                 CaseEvent.EXTENDED, CaseEvent.REFERRED, CaseEvent.DECIDED)


def _both_languages(choices):
    """(code, label) for the labels of ``choices`` in Russian and in English (events store the
    label shown to the officer who made the change)."""
    pairs = []
    for language in ("ru", "en"):
        with override(language):
            pairs += [(code, str(label)) for code, label in choices]
    return pairs


def _status_names():
    """Status labels as stored in events (Russian, the officers' language) → the status code."""
    names = {}
    for language in ("ru", "en"):
        with override(language):
            names.update({str(label): code for code, label in Case.STATUS_CHOICES})
    return names


def public_history(case):
    """The case's history in plain words, for the applicant: registration, status changes,
    the unit, forwarding and referral, replies, the extension. Never notes, views, officers' names
    or e-mail addresses."""
    statuses = dict(Case.STATUS_CHOICES)
    names = _status_names()
    items = []
    for event in case.events.filter(kind__in=PUBLIC_EVENTS).order_by("created_at", "pk"):
        if event.kind == CaseEvent.CREATED:
            text = gettext("Обращение зарегистрировано.")
        elif event.kind == CaseEvent.STATUS:
            code = names.get(event.new_value)
            text = gettext("Статус изменён: «%(status)s».") % {
                "status": statuses[code] if code else event.new_value}
        elif event.kind == CaseEvent.UNIT:
            text = gettext("Обращение передано на рассмотрение: %(unit)s.") % {"unit": event.new_value}
        elif event.kind == CaseEvent.FORWARDED:
            text = gettext("Обращение переслано по принадлежности: %(unit)s.") % {"unit": event.new_value}
        elif event.kind == CaseEvent.REFERRED:
            text = gettext("Обращение направлено по принадлежности: %(unit)s.") % {"unit": event.new_value}
        elif event.kind == CaseEvent.REPLY:
            text = gettext("Дан ответ (текст ответа — ниже).")
        elif event.kind == CaseEvent.DECIDED:
            decisions = {str(label): code for code, label in _both_languages(Case.APPEAL_DECISION_CHOICES)}
            code = decisions.get(event.new_value)
            text = gettext("Решение по жалобе: %(decision)s.") % {
                "decision": dict(Case.APPEAL_DECISION_CHOICES)[code] if code else event.new_value}
        else:  # EXTENDED
            text = gettext("Срок ответа продлён с %(old)s до %(new)s.") % {"old": event.old_value,
                                                                          "new": event.new_value}
        items.append({"at": event.created_at, "text": text})
    return items


def snapshot(case):
    return {"status": case.status, "status_display": str(case.get_status_display()),
            "unit": case.unit_id, "unit_display": str(case.unit) if case.unit_id else "—",
            "assigned_to": case.assigned_to_id,
            "assigned_to_display": str(case.assigned_to) if case.assigned_to_id else "—",
            "appeal_decision": case.appeal_decision,
            "appeal_decision_display": str(case.get_appeal_decision_display() or "—")}


def visible_cases(user, queryset=None):
    """The cases ``user`` may see (the rule lives in ``cases.access``)."""
    return access.visible_cases(user, queryset)


def overdue_cases(today=None, now=None):
    """Open cases past their due day, or past their due moment for deadlines in hours (callbacks)."""
    from django.db.models import Q

    today = today or timezone.localdate()
    now = now or timezone.now()
    return Case.objects.filter(status__in=Case.OPEN_STATUSES).filter(
        Q(due_at__isnull=True, due_date__lt=today) | Q(due_at__lt=now))

