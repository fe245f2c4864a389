"""Issue 18 item 4: callback requests. A short form (name, phone, topic, a window inside the call
centre's hours) from every page's contacts block and the request start page; a case type with a
4-working-hour target counted in the call centre's hours and the production calendar; the
officers' queue shows callbacks due first."""
import datetime
import zoneinfo

import pytest
from django.utils import timezone

from cases import services
from cases.models import CalendarDay, CallCentreSettings, Case, RoutingRule
from cases.rules import callbacks, deadlines
from cases.rules.deadlines import ProductionCalendar, add_working_hours

MSK = zoneinfo.ZoneInfo("Europe/Moscow")
D = datetime.date
T = datetime.time
NINE, SIX = T(9), T(18)
CONSENT = {"at": timezone.now(), "version": "2026-01", "source": "test"}


def at(*args):
    return datetime.datetime(*args, tzinfo=MSK)


# --- the rule --------------------------------------------------------------------------------------

def test_friday_afternoon_request_due_monday_morning():
    """The worked example: Friday 16:00, hours 9–18, 4 hours → Monday 11:00."""
    assert add_working_hours(at(2026, 3, 13, 16), 4, NINE, SIX, ProductionCalendar()) == at(2026, 3, 16, 11)


def test_across_a_holiday_of_the_production_calendar():
    # Friday 6 March 2026 17:00; Monday 9 March is the day off moved from Sunday 8 March
    calendar = ProductionCalendar(holidays=frozenset({D(2026, 3, 9)}))
    assert add_working_hours(at(2026, 3, 6, 17), 4, NINE, SIX, calendar) == at(2026, 3, 10, 12)


def test_a_transferred_working_saturday_counts():
    calendar = ProductionCalendar(working_weekends=frozenset({D(2026, 3, 14)}))
    assert add_working_hours(at(2026, 3, 13, 16), 4, NINE, SIX, calendar) == at(2026, 3, 14, 11)


@pytest.mark.parametrize("start, due", [
    (at(2026, 3, 11, 7, 30), at(2026, 3, 11, 13)),    # before opening: counts from 9:00
    (at(2026, 3, 11, 14), at(2026, 3, 11, 18)),       # ends exactly at closing
    (at(2026, 3, 11, 19), at(2026, 3, 12, 13)),       # after closing: from 9:00 next day
    (at(2026, 3, 14, 12), at(2026, 3, 16, 13)),       # Saturday: from Monday 9:00
    (at(2026, 3, 11, 10, 15), at(2026, 3, 11, 14, 15)),
])
def test_working_hours_edges(start, due):
    assert add_working_hours(start, 4, NINE, SIX, ProductionCalendar()) == due


def test_bad_hours_refused():
    with pytest.raises(ValueError):
        add_working_hours(at(2026, 3, 11, 10), -1, NINE, SIX, ProductionCalendar())
    with pytest.raises(ValueError):
        add_working_hours(at(2026, 3, 11, 10), 4, SIX, NINE, ProductionCalendar())


def test_windows_inside_the_hours():
    assert callbacks.window_choices(NINE, SIX)[0] == (T(9), T(11))
    assert callbacks.window_choices(NINE, T(18, 30))[-1] == (T(17), T(18, 30))
    assert all(NINE <= a < b <= SIX for a, b in callbacks.window_choices(NINE, SIX))


@pytest.mark.parametrize("day, start, end, code", [
    (D(2026, 3, 14), T(9), T(11), "day_off"),      # Saturday
    (D(2026, 3, 9), T(9), T(11), "day_off"),       # holiday
    (D(2026, 3, 11), T(8), T(10), "outside_hours"),
    (D(2026, 3, 11), T(17), T(19), "outside_hours"),
    (D(2026, 3, 10), T(9), T(11), "past"),
])
def test_window_refused(day, start, end, code):
    calendar = ProductionCalendar(holidays=frozenset({D(2026, 3, 9)}))
    with pytest.raises(callbacks.WindowRefused) as refused:
        callbacks.check_window(day, start, end, now=at(2026, 3, 10, 12), opens=NINE, closes=SIX, calendar=calendar)
    assert refused.value.code == code


# --- the case type ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_callback_rule_is_four_working_hours_of_customer_service():
    rule = RoutingRule.objects.get(request_type="callback")
    assert (rule.deadline_days, rule.deadline_kind, rule.unit.code) == (4, deadlines.HOURS, "customer_service")
    assert "186" in rule.basis


@pytest.mark.django_db
def test_registered_callback_due_across_weekend_and_holiday_from_the_calendar_table(time_machine=None):
    CalendarDay.objects.get_or_create(date=D(2026, 3, 9), defaults={"kind": CalendarDay.HOLIDAY})
    hours = CallCentreSettings.current()
    hours.opens_at, hours.closes_at = NINE, SIX
    hours.save()
    route = services.route_for("callback")
    assert services.callback_due(route, at(2026, 3, 6, 16)) == at(2026, 3, 10, 11)  # Fri → Tue (Mon 9.03 off)
    assert services.callback_due(route, at(2026, 3, 13, 16)) == at(2026, 3, 16, 11)
    hours.opens_at, hours.closes_at = T(8), T(20)  # editors change the hours: the one home of the figure
    hours.save()
    assert services.callback_due(route, at(2026, 3, 13, 16)) == at(2026, 3, 13, 20)


# --- the public form -----------------------------------------------------------------------------

def form_data(**changes):
    return {"applicant_name": "Кузнецов Олег", "phone": "8 912 345-67-89", "topic": "Не пришёл счёт за март",
            "when": "asap", "day": "", "window": "", "consent": "on", "website": "",
            "token": "a" * 32, **changes}


def next_working_day(days_ahead=1):
    calendar = CalendarDay.calendar()
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


@pytest.mark.django_db
def test_callback_form_registers_a_case_due_in_working_hours(client):
    page = client.get("/ru/requests/callback/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Заказать обратный звонок" in html and "с 09:00 до 18:00" in html
    response = client.post("/ru/requests/callback/", form_data())
    assert response.status_code == 302 and response["Location"].endswith("/requests/callback/done/")
    case = Case.objects.get(request_type="callback")
    assert case.phone == "8 912 345-67-89" and case.message == "Не пришёл счёт за март"
    assert case.unit.code == "customer_service" and case.consent_at
    hours = CallCentreSettings.current()
    expected = deadlines.add_working_hours(timezone.localtime(case.created_at), 4, hours.opens_at, hours.closes_at,
                                           CalendarDay.calendar())
    assert case.due_at == expected and case.due_date == timezone.localdate(expected)
    done = client.get(response["Location"]).content.decode()
    assert case.reference in done and case.access_code in done
    assert timezone.localtime(case.due_at).strftime("%H:%M") in done
    # a double submit makes no second case
    client.post("/ru/requests/callback/", form_data())
    assert Case.objects.filter(request_type="callback").count() == 1


@pytest.mark.django_db
def test_callback_in_a_chosen_window(client):
    day = next_working_day(2)
    response = client.post("/en/requests/callback/", form_data(when="window", day=day.strftime("%d.%m.%Y"),
                                                               window="11:00-13:00"))
    assert response.status_code == 302, response.context["form"].errors
    case = Case.objects.get(request_type="callback")
    assert timezone.localtime(case.callback_from) == datetime.datetime.combine(day, T(11), tzinfo=MSK)
    assert case.due_at == case.callback_to and case.language == "en"
    status = client.post("/ru/requests/status/", {"reference": case.reference, "access_code": case.access_code})
    assert "с 11:00 до 13:00" in status.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("changes, field, message", [
    ({"phone": "12"}, "phone", "Введите номер телефона"),
    ({"phone": ""}, "phone", "Введите номер телефона, на который перезвонить"),
    ({"applicant_name": ""}, "applicant_name", "Введите ваше имя"),
    ({"topic": "   "}, "topic", "Напишите коротко, о чём поговорить"),
    ({"topic": "я" * 501}, "topic", "Сократите текст до 500 знаков"),
    ({"consent": ""}, "consent", "дайте согласие на обработку персональных данных"),
    ({"when": "tomorrow"}, "when", "Выберите, когда позвонить"),
    ({"when": "window"}, "day", "Выберите день, когда позвонить"),
    ({"when": "window", "day": "2020-01-10", "window": "09:00-11:00"}, "day", "Этот день уже прошёл"),
    ({"when": "window", "day": "31.02.2026", "window": "09:00-11:00"}, "day", "Введите дату"),
    ({"when": "window", "day": "завтра", "window": "09:00-11:00"}, "day", "Введите дату"),
    ({"when": "window", "day": "NEXT", "window": "07:00-09:00"}, "window", "Выберите время из списка"),
    ({"when": "window", "day": "NEXT", "window": ""}, "window", "Выберите время, когда позвонить"),
    ({"when": "window", "day": "SATURDAY", "window": "09:00-11:00"}, "day", "колл-центр не работает"),
    ({"when": "window", "day": "FAR", "window": "09:00-11:00"}, "day", "в ближайшие 14 дней"),
])
def test_bad_input_explained_next_to_the_field(client, changes, field, message):
    today = timezone.localdate()
    saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)
    values = {"NEXT": next_working_day(1).isoformat(), "SATURDAY": saturday.isoformat(),
              "FAR": (today + datetime.timedelta(days=30)).isoformat()}
    if changes.get("day") in values:
        changes = {**changes, "day": values[changes["day"]]}
    response = client.post("/ru/requests/callback/", form_data(**changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field]), form.errors
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html and "Есть ошибки" in html
    if field != "applicant_name":
        assert 'value="Кузнецов Олег"' in html  # values kept
    assert not Case.objects.filter(request_type="callback").exists()


@pytest.mark.django_db
def test_honeypot_and_forged_method(client):
    assert client.post("/ru/requests/callback/", form_data(website="http://spam")).status_code == 400
    assert client.put("/ru/requests/callback/").status_code in (200, 405)
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_reachable_from_every_pages_contacts_block_and_the_start_page(client, home):
    for url in ("/ru/", "/ru/requests/new/", "/ru/requests/status/"):
        assert 'href="/ru/requests/callback/"' in client.get(url, follow=True).content.decode(), url
    assert 'href="/en/requests/callback/"' in client.get("/en/", follow=True).content.decode()


@pytest.mark.django_db
def test_callback_not_offered_as_a_topic_of_the_general_form(client):
    html = client.get("/ru/requests/new/").content.decode()
    assert 'value="callback"' not in html
    assert client.post("/ru/requests/new/", {"request_type": "callback"}).status_code == 400


@pytest.mark.django_db
def test_queue_shows_callbacks_due_first(client, make_officer):
    complaint, _ = services.register_case(request_type="supply_quality", consent=CONSENT, answers={
        "applicant_name": "А", "email": "a@example.ru", "message": "жалоба", "site_address": "ул. 1"})
    Case.objects.filter(pk=complaint.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=3))
    later, _ = services.register_case(request_type="callback", consent=CONSENT, answers={
        "applicant_name": "Б", "phone": "89123456789", "message": "позже"},
        callback_window=(at(2030, 1, 15, 11), at(2030, 1, 15, 13)))
    sooner, _ = services.register_case(request_type="callback", consent=CONSENT, answers={
        "applicant_name": "В", "phone": "89123456780", "message": "скорее"})
    closed, _ = services.register_case(request_type="callback", consent=CONSENT, answers={
        "applicant_name": "Г", "phone": "89123456781", "message": "готово"})
    Case.objects.filter(pk=closed.pk).update(status=Case.CLOSED)
    client.force_login(make_officer("customer_service"))
    html = client.get("/admin/case_queue/").content.decode()
    positions = [html.index(case.reference) for case in (sooner, later, complaint, closed)]
    assert positions == sorted(positions)
    assert timezone.localtime(sooner.due_at).strftime("%d.%m.%Y %H:%M") in html
    # a column sort chosen by the officer still wins
    assert client.get("/admin/case_queue/?ordering=-created_at").status_code == 200


@pytest.mark.django_db
def test_officer_of_another_unit_does_not_see_callbacks(client, make_officer):
    case, _ = services.register_case(request_type="callback", consent=CONSENT, answers={
        "applicant_name": "Б", "phone": "89123456789", "message": "тема"})
    client.force_login(make_officer("metering", username="other"))
    assert case.reference not in client.get("/admin/case_queue/").content.decode()
    assert client.get(f"/admin/case_queue/edit/{case.pk}/", follow=True).status_code == 404


@pytest.mark.django_db
def test_call_centre_hours_are_an_editable_setting(client, django_user_model):
    from django.contrib.auth.models import Group
    admin = django_user_model.objects.create_user("chief", password="pw-12345-long")
    admin.groups.add(Group.objects.get(name="Администраторы"))  # not a superuser: ordinary permissions
    client.force_login(admin)
    page = client.get("/admin/settings/cases/callcentresettings/", follow=True)
    assert page.status_code == 200
    url = page.redirect_chain[-1][0] if page.redirect_chain else "/admin/settings/cases/callcentresettings/"
    response = client.post(url, {"opens_at": "18:00", "closes_at": "09:00"}, follow=True)
    assert "Время закрытия должно быть позже времени открытия." in response.content.decode()
    client.post(url, {"opens_at": "08:00", "closes_at": "20:00"}, follow=True)
    assert CallCentreSettings.current().opens_at == T(8)
    client.logout()
    assert "с 08:00 до 20:00" in client.get("/ru/requests/callback/").content.decode()


@pytest.mark.django_db
def test_call_centre_setting_urls_refused_to_officers(client, make_officer):
    hours = CallCentreSettings.current()
    client.force_login(make_officer("customer_service"))
    edit_url = f"/admin/settings/cases/callcentresettings/{hours.pk}/"
    bare = client.get("/admin/settings/cases/callcentresettings/", follow=True)
    assert bare.redirect_chain[-1][0] in ("/admin/", edit_url) or bare.status_code == 403
    assert "колл-центр открывается" not in bare.content.decode()
    response = client.get(edit_url)
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")
    response = client.post(edit_url, {"opens_at": "01:00", "closes_at": "02:00"})
    assert response.status_code in (302, 403)
    assert CallCentreSettings.current().opens_at == T(9)


@pytest.mark.django_db
def test_callback_overdue_by_the_hour_and_not_extendable(client, make_officer):
    case, _ = services.register_case(request_type="callback", consent=CONSENT, answers={
        "applicant_name": "Б", "phone": "89123456789", "message": "тема"})
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() - datetime.timedelta(minutes=5),
                                           due_date=timezone.localdate())
    case.refresh_from_db()
    assert case.is_overdue and case in services.overdue_cases()
    client.force_login(make_officer("customer_service"))
    response = client.post(f"/admin/case_queue/edit/{case.pk}/", {
        "status": case.status, "unit": case.unit_id, "assigned_to": "", "reply": "", "new_note": "",
        "extend_days": "3", "extend_reason": "r"})
    assert response.status_code == 200 and "Срок обратного звонка не продлевается" in response.content.decode()
    assert "просрочено" in client.get("/admin/case_queue/").content.decode()


@pytest.mark.django_db
def test_footer_reads_the_callback_target_from_the_rule(client, home):
    # «в течение» takes the genitive: 4 (четырёх) рабочих часов, 1 (одного) рабочего часа
    assert "перезваниваем в течение 4 рабочих часов" in client.get("/ru/", follow=True).content.decode()
    assert "we call back within 4 working hours" in client.get("/en/", follow=True).content.decode()
    RoutingRule.objects.filter(request_type="callback").update(deadline_days=2)
    assert "перезваниваем в течение 2 рабочих часов" in client.get("/ru/requests/new/").content.decode()
    RoutingRule.objects.filter(request_type="callback").update(deadline_days=1)
    assert "перезваниваем в течение 1 рабочего часа" in client.get("/ru/requests/new/").content.decode()
