"""The outbox: the case is stored before any e-mail; failures are retried and never lose a case."""
import pytest
from django.core import mail
from django.core.management import call_command

from cases.models import Case, OutgoingEmail

pytestmark = pytest.mark.django_db
DOWN = "tests.cases.failing_backend.DownBackend"


def test_nothing_sent_before_commit(journey, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = journey.run("tariff", {"message": "Вопрос"})
    # the case and its outgoing message are stored; sending waits for the commit
    assert OutgoingEmail.objects.get(case=case).status == OutgoingEmail.PENDING
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    message = OutgoingEmail.objects.get(case=case)
    assert message.status == OutgoingEmail.SENT and message.attempts == 1 and message.sent_at
    assert len(mail.outbox) == 1
    assert case.events.filter(kind="email").exists()


def test_mail_server_down_keeps_case_and_shows_confirmation(journey, client, settings,
                                                            django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        case = journey.run("tariff", {"message": "Вопрос"})
    assert Case.objects.filter(pk=case.pk).exists()
    message = OutgoingEmail.objects.get(case=case)
    assert message.status == OutgoingEmail.FAILED and message.attempts == 1
    assert "SMTP server unreachable" in message.last_error
    done = client.get("/ru/requests/new/done/")
    assert done.status_code == 200 and case.reference in done.content.decode()


def test_retry_command_sends_failed_messages(journey, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        case = journey.run("tariff", {"message": "Вопрос"})
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))
    assert OutgoingEmail.objects.get(case=case).attempts == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from io import StringIO
    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    assert "sent=1 failed=0" in out.getvalue()
    message = OutgoingEmail.objects.get(case=case)
    assert message.status == OutgoingEmail.SENT and message.attempts == 3
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject
    # running again sends nothing twice
    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    assert "sent=0 failed=0" in out.getvalue()
    assert len(mail.outbox) == 1


def test_no_email_no_acknowledgement(journey, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = journey.run("tariff", {"message": "Вопрос"}, {"email": "", "phone": "89123456789"})
    assert not OutgoingEmail.objects.filter(case=case).exists()
    assert mail.outbox == []


def test_retry_picks_up_messages_never_sent(journey, django_capture_on_commit_callbacks):
    """A process that died between commit and send leaves a pending message: the command sends it."""
    import datetime
    from io import StringIO
    from django.utils import timezone
    with django_capture_on_commit_callbacks(execute=False):
        case = journey.run("tariff", {"message": "Вопрос"})
    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    assert "sent=0" in out.getvalue()  # too fresh: its own after-commit send may be running
    OutgoingEmail.objects.filter(case=case).update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    assert "sent=1 failed=0" in out.getvalue() and len(mail.outbox) == 1
