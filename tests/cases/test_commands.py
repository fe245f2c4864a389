"""Retention purge and escalation of overdue cases."""
import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, OutgoingEmail, Unit

pytestmark = pytest.mark.django_db
CONSENT = {"at": timezone.now(), "version": "2026-01", "source": "test"}


def make_case(request_type="tariff"):
    case, _ = services.register_case(request_type=request_type, consent=CONSENT, answers={
        "applicant_name": "Петрова Анна", "email": "anna@example.ru", "phone": "89110000000",
        "message": "Личный вопрос", "account_number": "123"})
    return case


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_purge_anonymises_only_closed_cases_past_retention():
    old = make_case()
    recent = make_case()
    still_open = make_case()
    now = timezone.now()
    Case.objects.filter(pk=old.pk).update(status=Case.CLOSED, closed_at=now - datetime.timedelta(days=1096))
    Case.objects.filter(pk=recent.pk).update(status=Case.CLOSED, closed_at=now - datetime.timedelta(days=10))
    Case.objects.filter(pk=still_open.pk).update(created_at=now - datetime.timedelta(days=2000))
    assert "checked=2 anonymised=1" in run("purge_personal_data")
    old.refresh_from_db()
    assert old.anonymised_at and old.email == "" and old.phone == "" and old.applicant_name == "—"
    assert old.message == "—" and old.reference  # the case itself and its history stay
    assert OutgoingEmail.objects.filter(case=old).exclude(to="—").count() == 0
    assert CaseEvent.objects.filter(case=old, kind=CaseEvent.PURGED).count() == 1
    recent.refresh_from_db()
    assert recent.email == "anna@example.ru"
    # idempotent
    assert "checked=1 anonymised=0" in run("purge_personal_data")
    assert CaseEvent.objects.filter(case=old, kind=CaseEvent.PURGED).count() == 1


def test_escalate_overdue_marks_and_notifies_once(django_capture_on_commit_callbacks):
    late = make_case()
    make_case()
    Case.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    Unit.objects.filter(code="customer_service").update(head_email="head@example.ru")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        out = run("escalate_overdue")
    assert "overdue=1 newly_marked=1 heads_notified=1" in out
    late.refresh_from_db()
    assert late.overdue_notified_at is not None
    assert CaseEvent.objects.filter(case=late, kind=CaseEvent.OVERDUE).exists()
    assert [m.to for m in mail.outbox] == [["head@example.ru"]] and late.reference in mail.outbox[0].body
    assert "overdue=1 newly_marked=0 heads_notified=0" in run("escalate_overdue")
