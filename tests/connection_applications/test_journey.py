"""A connection application through every stage: moved by an officer in the admin, each move
dated, e-mailed in the applicant's language and shown on the status page as a timeline."""
import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from cases.models import OutgoingEmail
from connection_applications.models import ConnectionApplication, ConnectionStage, StageMove

pytestmark = pytest.mark.django_db


def move_url(application):
    return f"/admin/connection-applications/{application.pk}/"


def move(client, application, stage, **extra):
    application.refresh_from_db()
    data = {"stage": stage.pk, "from_stage": application.stage_id, "moved_on": "", "contract_due": "",
            "comment": "", **extra}
    return client.post(move_url(application), data)


def status_page(client, case, lang="ru", code=None):
    return client.post(f"/{lang}/requests/status/", {"reference": case.reference,
                                                      "access_code": code or case.access_code})


def current_step(html):
    found = re.findall(r'<li class="step-by-step__step" aria-current="step">\s*<h3[^>]*>(.*?)</h3>', html, re.S)
    return [re.sub(r"<[^>]+>", "", item).split(":", 1)[-1].strip() for item in found]


@pytest.mark.parametrize("language,subject_word,first_stage_name", [
    ("ru", "Заявка", "Договор и технические условия направлены заявителю"),
    ("en", "Application", "Contract and technical conditions sent to the applicant"),
])
def test_an_application_through_every_stage(client, connection_case, make_officer,
                                            django_capture_on_commit_callbacks, language, subject_word,
                                            first_stage_name):
    case = connection_case(language=language, email=f"{language}@example.ru")
    application = ConnectionApplication.objects.get(case=case)  # opened with the case
    stages = list(ConnectionStage.objects.order_by("order"))
    assert application.stage == stages[0] and application.moves.count() == 1
    assert application.stage_due_date is not None  # 10 working days from registration
    client.force_login(make_officer("connection"))
    assert client.get(move_url(application)).status_code == 200
    mail.outbox.clear()
    for stage in stages[1:]:
        with django_capture_on_commit_callbacks(execute=True):
            response = move(client, application, stage, comment=f"Комментарий {stage.order}")
        assert response.status_code == 302, response.content.decode()[:3000]
        application.refresh_from_db()
        assert application.stage == stage
    assert StageMove.objects.filter(application=application).count() == len(stages)
    assert all(m.moved_on == timezone.localdate() for m in application.moves.all())
    # one e-mail per move, in the applicant's language, through the cases outbox
    assert len(mail.outbox) == len(stages) - 1
    assert all(m.to == [f"{language}@example.ru"] for m in mail.outbox)
    assert all(m.subject.startswith(f"{subject_word} {case.reference}") for m in mail.outbox)
    assert first_stage_name in mail.outbox[0].subject
    assert f"/{language}/requests/status/" in mail.outbox[0].body
    assert "Комментарий 2" in mail.outbox[0].body
    assert OutgoingEmail.objects.filter(case=case, kind=OutgoingEmail.STAGE, status=OutgoingEmail.SENT).count() == 5
    # the works term (item 16 «б») counts from the contract: the works stage keeps its due date
    contract = application.moves.get(stage__code="contract_concluded")
    works = application.moves.get(stage__code="conditions_fulfilment")
    assert works.due_date == contract.due_date is not None
    # the final stage: nothing left to do, no form
    page = client.get(move_url(application)).content.decode()
    assert "Перевести на следующий этап" not in page


def test_the_status_page_shows_the_timeline_in_the_visitors_language(client, connection_case, make_officer):
    case = connection_case(language="en")
    application = ConnectionApplication.objects.get(case=case)
    stages = list(ConnectionStage.objects.order_by("order"))
    officer_client = type(client)()
    officer_client.force_login(make_officer("connection"))
    assert move(officer_client, application, stages[1], comment="Please sign the contract").status_code == 302

    html = status_page(client, case, "en").content.decode()
    assert '<ol class="step-by-step">' in html
    assert html.count('aria-current="step"') == 1
    assert current_step(html) == ["Contract and technical conditions sent to the applicant"]
    assert "Application received and registered" in html and "Completed" in html and "Upcoming" in html
    assert "Please sign the contract" in html
    due = application.moves.get(stage=stages[1]).due_date
    assert f"{due.day} " in html and "Stage deadline" in html
    ru = status_page(client, case, "ru").content.decode()
    assert current_step(ru) == ["Договор и технические условия направлены заявителю"]
    assert "Выполнено" in ru and "Предстоит" in ru


def test_the_timeline_is_not_shown_without_the_access_code(client, connection_case):
    case = connection_case()
    response = status_page(client, case, code="000000" if case.access_code != "000000" else "111111")
    assert response.status_code == 404
    html = response.content.decode()
    assert "step-by-step" not in html and "Заявка получена" not in html
    assert "step-by-step" not in client.get("/ru/requests/status/").content.decode()


def test_other_request_types_get_no_application_and_no_timeline(client):
    from cases import services

    case, _ = services.register_case(request_type="supply_quality", answers={
        "applicant_name": "Иван", "email": "i@example.ru", "message": "Мигает свет"},
        consent={"at": timezone.now(), "version": "1", "source": "t"})
    assert not ConnectionApplication.objects.filter(case=case).exists()
    html = status_page(client, case).content.decode()
    assert "Статус обращения" in html and "step-by-step" not in html


def test_a_dated_move_back_to_yesterday_and_a_contract_term(client, connection_case, make_officer):
    case = connection_case()
    application = ConnectionApplication.objects.get(case=case)
    ConnectionApplication.objects.filter(pk=application.pk)  # registered today
    StageMove.objects.filter(application=application).update(moved_on=timezone.localdate() - datetime.timedelta(days=5))
    stages = list(ConnectionStage.objects.order_by("order"))
    client.force_login(make_officer("connection"))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert move(client, application, stages[1], moved_on=yesterday.isoformat()).status_code == 302
    assert application.moves.get(stage=stages[1]).moved_on == yesterday
    far = timezone.localdate() + datetime.timedelta(days=120)
    assert move(client, application, stages[2], contract_due=far.isoformat()).status_code == 302
    application.refresh_from_db()
    assert application.stage_due_date == far
    assert move(client, application, stages[3]).status_code == 302
    application.refresh_from_db()
    assert application.stage_due_date == far  # the contract's term runs on through the works


def test_a_case_created_already_answered_opens_no_application(db):
    """Imported history (the demo's quality set) is not an application in progress."""
    from cases.models import Case, Unit

    case = Case.objects.create(reference="DQ-2025-00001", access_code="x", request_type="connection",
                               unit=Unit.objects.get(code="connection"), applicant_name="Демо",
                               message="Демо", due_date=timezone.localdate(), status=Case.ANSWERED)
    assert not ConnectionApplication.objects.filter(case=case).exists()


def test_the_migration_opens_applications_for_open_connection_cases_registered_before_it(connection_case):
    import importlib

    from django.apps import apps

    from cases.models import Case

    backfill = importlib.import_module("connection_applications.migrations.0003_officers_and_existing_cases").backfill
    open_case, closed_case = connection_case(), connection_case()
    Case.objects.filter(pk=closed_case.pk).update(status=Case.CLOSED)
    ConnectionApplication.objects.all().delete()  # as before this app
    backfill(apps, None)
    application = ConnectionApplication.objects.get()
    assert application.case == open_case and application.stage.order == 1
    step = application.moves.get()
    assert step.moved_on == timezone.localdate(open_case.created_at)
    from connection_applications.services import stage_due
    assert application.stage_due_date == step.due_date == stage_due(application.stage, step.moved_on)
    backfill(apps, None)  # once only
    assert ConnectionApplication.objects.count() == 1
