"""Overdue stages escalate like overdue cases: marked once in the case's history, the unit's
head told once per stage (``manage.py escalate_overdue_stages``)."""
import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cases.models import CaseEvent, OutgoingEmail
from connection_applications.models import ConnectionApplication, ConnectionStage
from connection_applications.services import move

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("escalate_overdue_stages", stdout=out)
    return out.getvalue().strip()


def make_late(application, days=3):
    ConnectionApplication.objects.filter(pk=application.pk).update(
        stage_due_date=timezone.localdate() - datetime.timedelta(days=days))


def test_an_overdue_grid_stage_is_escalated_once(connection_case, django_capture_on_commit_callbacks):
    from cases.models import Unit

    Unit.objects.filter(code="connection").update(head_email="head@example.ru")
    late = ConnectionApplication.objects.get(case=connection_case())
    on_time = ConnectionApplication.objects.get(case=connection_case(email="b@example.ru"))
    make_late(late)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == "overdue_stages=1 newly_marked=1 heads_notified=1"
    event = CaseEvent.objects.get(case=late.case, kind=CaseEvent.OVERDUE)
    assert "Заявка получена и зарегистрирована" in event.text
    assert not CaseEvent.objects.filter(case=on_time.case, kind=CaseEvent.OVERDUE).exists()
    assert [m.to for m in mail.outbox] == [["head@example.ru"]]
    assert late.case.reference in mail.outbox[0].body and on_time.case.reference not in mail.outbox[0].body
    assert OutgoingEmail.objects.filter(kind=OutgoingEmail.OVERDUE, case=None).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == "overdue_stages=1 newly_marked=0 heads_notified=0"
    assert len(mail.outbox) == 1


def test_the_next_stage_overdue_is_escalated_again(connection_case):
    application = ConnectionApplication.objects.get(case=connection_case())
    make_late(application)
    run()
    move(application.pk, ConnectionStage.objects.get(order=2).pk, None)
    move(application.pk, ConnectionStage.objects.get(order=3).pk, None)
    make_late(application)
    assert run() == "overdue_stages=1 newly_marked=1 heads_notified=1"
    assert CaseEvent.objects.filter(case=application.case, kind=CaseEvent.OVERDUE).count() == 2


def test_a_stage_waiting_for_the_applicant_is_shown_late_but_not_escalated(client, connection_case):
    case = connection_case()
    application = ConnectionApplication.objects.get(case=case)
    move(application.pk, ConnectionStage.objects.get(order=2).pk, None)  # the applicant signs
    make_late(application)
    assert run() == "overdue_stages=0 newly_marked=0 heads_notified=0"
    html = client.post("/ru/requests/status/", {"reference": case.reference,
                                                "access_code": case.access_code}).content.decode()
    assert "Текущий этап, срок прошёл" in html


def test_the_final_stage_is_never_overdue(connection_case):
    application = ConnectionApplication.objects.get(case=connection_case())
    for order in range(2, 7):
        move(application.pk, ConnectionStage.objects.get(order=order).pk, None)
    make_late(application, days=400)
    assert run() == "overdue_stages=0 newly_marked=0 heads_notified=0"


def test_a_closed_case_is_not_escalated(connection_case):
    from cases.models import Case

    application = ConnectionApplication.objects.get(case=connection_case())
    make_late(application)
    Case.objects.filter(pk=application.case_id).update(status=Case.CLOSED)
    assert run() == "overdue_stages=0 newly_marked=0 heads_notified=0"
