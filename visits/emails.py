"""Visit e-mails go through the project's outbox (``cases.models.OutgoingEmail``, sent after the
commit by ``cases.emails.send_ids``; failures retried by ``send_pending_emails``), rendered in
the visitor's language. A booking without an e-mail address gets none.

Visit mails are stored with the outbox kind ``VISIT`` and without a case, which only
administrators see in the outbox. The manage link carries its token as a ``/token/`` path
segment, which the outbox view masks.
"""
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cases import emails as case_emails
from cases.models import OutgoingEmail

TEMPLATES = ("confirmation", "moved", "cancelled", "reminder")


def manage_path(booking):
    return reverse("visits:manage", args=[booking.token])


def queue(booking, template):
    if template not in TEMPLATES:
        raise ValueError(template)
    if not booking.email:
        return None
    with translation.override(booking.language):
        starts = timezone.localtime(booking.slot.starts_at)
        context = {"booking": booking, "centre": booking.centre.specific, "starts": starts,
                   "site_url": case_emails.site_url(), "manage_path": manage_path(booking),
                   "book_path": reverse("visits:start", args=[booking.centre_id])}
        subject = " ".join(render_to_string(f"visits/emails/{template}_subject.txt", context).split())
        body = render_to_string(f"visits/emails/{template}.txt", context)
    message = OutgoingEmail.objects.create(case=None, kind=OutgoingEmail.VISIT, to=booking.email,
                                           subject=subject[:255], body=body)
    transaction.on_commit(lambda: case_emails.send_ids([message.pk]))
    return message
