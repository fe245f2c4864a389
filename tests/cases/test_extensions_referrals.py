"""Issue 18 item 3: an officer extends a case's deadline once, by at most 30 days, with a reason
e-mailed (in the applicant's language) and shown on the status page; a case outside the company's
remit is referred to the competent body within 7 days, with the applicant's transfer consent, and
the applicant is told where and why."""
import datetime
from urllib.parse import quote

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format

from cases import services
from cases.models import Case, CaseEvent, OutgoingEmail, Unit
from cases.rules import extensions, referrals
from cases.rules.deadlines import ProductionCalendar

D = datetime.date
CONSENT = {"at": timezone.now(), "version": "2026-01", "source": "test"}
CAL = ProductionCalendar(holidays=frozenset({D(2026, 3, 9), D(2026, 5, 1), D(2026, 5, 11)}))


# --- the rules ------------------------------------------------------------------------------------

def test_extension_by_up_to_30_days_once():
    assert extensions.extended_due_date(D(2026, 4, 1), 30, times_extended=0, reason="экспертиза",
                                        calendar=CAL) == D(2026, 5, 4)  # 1 May is a holiday... 1.5+3 = 4 May, Monday
    assert extensions.extended_due_date(D(2026, 4, 1), 1, times_extended=0, reason="r", calendar=CAL) == D(2026, 4, 2)


def test_extension_ending_on_a_day_off_moves_to_the_next_working_day():
    # 10.04.2026 + 30 = 10.05.2026, a Sunday; 11.05 is the day off moved from 9 May → 12.05
    assert extensions.extended_due_date(D(2026, 4, 10), 30, times_extended=0, reason="r", calendar=CAL) == D(2026, 5, 12)


@pytest.mark.parametrize("days, times, reason, code", [
    (31, 0, "r", "too_long"), (0, 0, "r", "too_short"), (10, 1, "r", "already_extended"), (10, 0, "  ", "no_reason")])
def test_extension_refused(days, times, reason, code):
    with pytest.raises(extensions.ExtensionRefused) as refused:
        extensions.extended_due_date(D(2026, 4, 1), days, times_extended=times, reason=reason, calendar=CAL)
    assert refused.value.code == code


def test_referral_due_seven_days_from_receipt():
    assert referrals.referral_due(D(2026, 2, 20), CAL) == D(2026, 2, 27)
    assert referrals.referral_due(D(2026, 3, 2), CAL) == D(2026, 3, 10)  # 9 March is off


@pytest.mark.parametrize("consent, third_party, already, reason, code", [
    (False, True, False, "r", "no_consent"), (True, False, False, "r", "not_third_party"),
    (True, True, True, "r", "already_referred"), (True, True, False, "", "no_reason")])
def test_referral_refused(consent, third_party, already, reason, code):
    with pytest.raises(referrals.ReferralRefused) as refused:
        referrals.check_referral(transfer_consent=consent, body_is_third_party=third_party,
                                 already_referred=already, reason=reason)
    assert refused.value.code == code


# --- through the officers' admin ---------------------------------------------------------------------

def make_case(language="ru", transfer=False, **answers):
    base = {"applicant_name": "Петрова Анна", "email": "anna@example.ru", "message": "Вопрос про счёт",
            "site_address": "ул. Ленина, 5", **answers}
    case, _ = services.register_case(
        request_type="supply_quality", answers=base, consent=CONSENT, language=language,
        transfer_consent={"at": timezone.now(), "version": "2026-01"} if transfer else None)
    return case


def edit(client, case, follow=False, **changes):
    data = {"status": case.status, "unit": case.unit_id, "assigned_to": "", "reply": "", "new_note": "",
            **changes}
    return client.post(f"/admin/case_queue/edit/{case.pk}/", data, follow=follow)


def status_page(client, case, lang="ru"):
    return client.post(f"/{lang}/requests/status/", {"reference": case.reference, "access_code": case.access_code})


@pytest.fixture
def officer(client, make_officer):
    client.force_login(make_officer("customer_service"))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language, subject, words", [
    ("ru", "продлён", ["Причина: нужна проверка на месте", "Срок продлевается один раз"]),
    ("en", "extended", ["Reason: нужна проверка на месте", "extended only once"]),
])
def test_extension_with_notice(client, officer, language, subject, words, django_capture_on_commit_callbacks):
    case = make_case(language=language)
    old_due = case.due_date
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(officer, case, extend_days="20", extend_reason="нужна проверка на месте")
    assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert case.due_date >= old_due + datetime.timedelta(days=20) and case.due_date_before_extension == old_due
    assert case.extension_reason == "нужна проверка на месте" and case.extended_at
    event = CaseEvent.objects.get(case=case, kind=CaseEvent.EXTENDED)
    assert event.old_value == f"{old_due:%d.%m.%Y}" and event.new_value == f"{case.due_date:%d.%m.%Y}"
    message = mail.outbox[-1]
    assert message.to == ["anna@example.ru"] and subject in message.subject
    for word in words:
        assert word in message.body
    assert f"/{language}/requests/status/?reference={quote(case.reference)}" in message.body
    assert OutgoingEmail.objects.filter(case=case, kind=OutgoingEmail.EXTENSION).count() == 1

    officer.logout()
    with __import__("django.utils.translation", fromlist=["override"]).override(language):
        new, old = date_format(case.due_date, "j E Y"), date_format(old_due, "j E Y")
    html = status_page(client, case, language).content.decode()
    assert "нужна проверка на месте" in html and new in html and old in html


@pytest.mark.django_db
def test_second_extension_refused_with_a_clear_message(officer):
    case = make_case()
    assert edit(officer, case, extend_days="10", extend_reason="экспертиза").status_code == 302
    case.refresh_from_db()
    due = case.due_date
    response = edit(officer, case, extend_days="5", extend_reason="ещё раз")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Срок этого обращения уже продлевался. Продлить срок можно только один раз" in html
    assert 'value="ещё раз"' in html or "ещё раз</textarea>" in html  # the typed reason is kept
    case.refresh_from_db()
    assert case.due_date == due and CaseEvent.objects.filter(case=case, kind=CaseEvent.EXTENDED).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("days, reason, message", [
    ("31", "причина", "не больше чем на 30 дней"),
    ("0", "причина", "на 1–30 дней"),
    ("десять", "причина", "Введите число дней"),
    ("10", "", "Укажите причину продления"),
    ("", "причина без срока", "Укажите, на сколько дней продлить срок"),
])
def test_bad_extension_input(officer, days, reason, message):
    case = make_case()
    due = case.due_date
    response = edit(officer, case, extend_days=days, extend_reason=reason)
    assert response.status_code == 200
    assert message in response.content.decode()
    case.refresh_from_db()
    assert case.due_date == due and not case.extended_at


@pytest.mark.django_db
@pytest.mark.parametrize("language, subject, words", [
    ("ru", "направлено по принадлежности", ["Почему: вопрос о начислениях решает поставщик", "obrashcheniya@example.invalid"]),
    ("en", "referred", ["Why: вопрос о начислениях решает поставщик", "TGC-2 Energosbyt"]),
])
def test_referral_with_notice(client, officer, language, subject, words, django_capture_on_commit_callbacks):
    case = make_case(language=language, transfer=True)
    supplier = Unit.objects.get(code="supplier")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(officer, case, refer_to=str(supplier.pk), refer_reason="вопрос о начислениях решает поставщик")
    assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert case.referred_to == supplier and case.status == Case.FORWARDED and case.referred_at
    to_body = [m for m in mail.outbox if m.to == [supplier.email]]
    to_applicant = [m for m in mail.outbox if m.to == ["anna@example.ru"]]
    assert len(to_body) == 1 and "Направляем по принадлежности" in to_body[0].body
    assert len(to_applicant) == 1 and subject in to_applicant[0].subject
    for word in words:
        assert word in to_applicant[0].body
    officer.logout()
    html = status_page(client, case, language).content.decode()
    assert "вопрос о начислениях решает поставщик" in html and str(supplier.name) in html or "Energosbyt" in html


@pytest.mark.django_db
def test_referral_refused_without_transfer_consent(officer):
    case = make_case(transfer=False)
    supplier = Unit.objects.get(code="supplier")
    response = edit(officer, case, refer_to=str(supplier.pk), refer_reason="вопрос поставщика")
    assert response.status_code == 200
    assert "Заявитель не дал согласия на передачу обращения третьей стороне" in response.content.decode()
    case.refresh_from_db()
    assert case.referred_to is None and case.status == Case.RECEIVED
    assert not OutgoingEmail.objects.filter(case=case, kind=OutgoingEmail.REFERRAL).exists()


@pytest.mark.django_db
def test_referral_only_to_a_third_party_and_with_a_reason(officer):
    case = make_case(transfer=True)
    internal = Unit.objects.get(code="metering")
    response = edit(officer, case, refer_to=str(internal.pk), refer_reason="r")
    assert response.status_code == 200 and "Выберите организацию из списка." in response.content.decode()
    supplier = Unit.objects.get(code="supplier")
    response = edit(officer, case, refer_to=str(supplier.pk), refer_reason="")
    assert response.status_code == 200 and "Укажите, почему обращение направляется" in response.content.decode()
    response = edit(officer, case, refer_to="abc", refer_reason="r")
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.referred_to is None


@pytest.mark.django_db
def test_admin_shows_the_referral_deadline(officer):
    case = make_case(transfer=True)
    html = officer.get(f"/admin/case_queue/edit/{case.pk}/").content.decode()
    assert f"Направить не позднее {services.referral_due(case):%d.%m.%Y}" in html


@pytest.mark.django_db
def test_officer_of_another_unit_cannot_extend_or_refer(client, make_officer):
    case = make_case(transfer=True)
    client.force_login(make_officer("metering", username="other"))
    supplier = Unit.objects.get(code="supplier")
    response = edit(client, case, follow=True, extend_days="10", extend_reason="r", refer_to=str(supplier.pk),
                    refer_reason="r")
    assert response.status_code == 404  # (a 404 in the admin passes through the language redirect)
    case.refresh_from_db()
    assert not case.extended_at and case.referred_to is None


@pytest.mark.django_db
def test_due_date_moves_only_by_the_extension(officer):
    """The edit form has no free due-date field: a posted date is ignored."""
    case = make_case()
    due = case.due_date
    assert edit(officer, case, due_date=(due + datetime.timedelta(days=90)).isoformat()).status_code == 302
    case.refresh_from_db()
    assert case.due_date == due
