"""The officer records the outcome of an appeal; it goes into the history, onto the citizen's
status page in their language, and into the service-quality report (tests/quality)."""
import pytest
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent

pytestmark = pytest.mark.django_db
CONSENT = {"at": timezone.now(), "version": "2026-01", "source": "test"}


def register(request_type, language="ru"):
    case, _ = services.register_case(request_type=request_type, consent=CONSENT, language=language, answers={
        "applicant_name": "Сидоров Иван", "email": "ivan@example.ru", "message": "Не согласен с ответом",
        "earlier_reference": "ЕО-2026-7K3Q9"})
    return case


def post(client, case, **extra):
    return client.post(f"/admin/case_queue/edit/{case.pk}/", {
        "status": Case.ANSWERED, "unit": case.unit_id, "assigned_to": "", "reply": "", "new_note": "", **extra})


@pytest.mark.parametrize("language, shown", [("ru", "Решение по жалобе: удовлетворена частично."),
                                             ("en", "Decision on the appeal: upheld in part.")])
def test_the_decision_is_recorded_and_shown_to_the_applicant(client, make_officer, language, shown):
    case = register("appeal", language)
    client.force_login(make_officer(case.unit.code))
    page = client.get(f"/admin/case_queue/edit/{case.pk}/").content.decode()
    assert 'name="appeal_decision"' in page
    response = post(client, case, appeal_decision=Case.PARTLY_UPHELD)
    assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert case.appeal_decision == Case.PARTLY_UPHELD
    event = case.events.get(kind=CaseEvent.DECIDED)
    assert event.new_value == "удовлетворена частично"
    client.logout()
    status = client.post(f"/{language}/requests/status/", {"reference": case.reference,
                                                          "access_code": case.access_code}).content.decode()
    assert shown in status


def test_no_decision_field_for_other_requests_and_a_forged_value_is_refused(client, make_officer):
    other = register("supply_quality")
    client.force_login(make_officer(other.unit.code))
    assert 'name="appeal_decision"' not in client.get(f"/admin/case_queue/edit/{other.pk}/").content.decode()
    post(client, other, appeal_decision=Case.UPHELD)
    other.refresh_from_db()
    assert other.appeal_decision == ""  # not a field of this form: ignored
    appeal = register("appeal")
    client.logout()
    client.force_login(make_officer(appeal.unit.code, username="officer2"))
    response = post(client, appeal, appeal_decision="won")
    assert response.status_code == 200
    assert "won" in response.content.decode() and "Выберите корректный вариант" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.appeal_decision == ""
