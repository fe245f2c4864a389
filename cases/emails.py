"""E-mail through an outbox: messages are stored with the case and sent after the commit, so a
mail server failure never loses a case and never shows the citizen an error."""
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cases.models import CaseEvent, OutgoingEmail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


def site_url():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def queue(case, kind, to, template, context, language):
    """Render in the recipient's language and store; the send happens after commit."""
    with translation.override(language):
        context = {"case": case, "site_url": site_url(), **context}
        subject = " ".join(render_to_string(f"cases/emails/{template}_subject.txt", context).split())
        body = render_to_string(f"cases/emails/{template}.txt", context)
    message = OutgoingEmail.objects.create(case=case, kind=kind, to=to, subject=subject[:255], body=body)
    transaction.on_commit(lambda: send_ids([message.pk]))
    return message


def send_ids(ids):
    for message in OutgoingEmail.objects.filter(pk__in=ids).exclude(status=OutgoingEmail.SENT):
        send(message)


def send(message):
    """Try once; record the outcome. Never raises: the caller may be answering a citizen."""
    message.attempts += 1
    try:
        EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to]).send()
    except Exception as error:  # any backend failure: keep the message for the retry command
        log.warning("sending outbox message %s failed: %s", message.pk, error)
        message.status = OutgoingEmail.FAILED
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.save(update_fields=["status", "attempts", "last_error"])
        return False
    message.status = OutgoingEmail.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    if message.case_id:
        CaseEvent.objects.create(case_id=message.case_id, kind=CaseEvent.EMAIL,
                                 new_value=message.get_kind_display()[:255],
                                 text=f"{message.to}: {message.subject}")
    return True


def pending(grace_seconds=60):
    """Failed messages, and pending ones old enough that their after-commit send is not still
    running (so the retry command does not send a message twice)."""
    from django.db.models import Q
    cutoff = timezone.now() - datetime.timedelta(seconds=grace_seconds)
    return OutgoingEmail.objects.filter(attempts__lt=MAX_ATTEMPTS).filter(
        Q(status=OutgoingEmail.FAILED) | Q(status=OutgoingEmail.PENDING, created_at__lte=cutoff))
