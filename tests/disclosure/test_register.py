"""The disclosure register: due dates per frequency across year ends (rules), the public page with
the current document and the archive, overdue in the admin report, and the reminder sent once."""
import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document

from disclosure.models import DisclosureItem, DisclosurePublication, ReminderSent
from disclosure.rules import due as rules

D = datetime.date
MSK = ZoneInfo("Europe/Moscow")


# --- rules: Decree 24 frequencies, each across a year end ---------------------------------------

def test_quarterly_q4_is_due_in_january():
    q4 = rules.period_to_publish(rules.QUARTERLY, D(2027, 1, 15))
    assert (q4.start, q4.end) == (D(2026, 10, 1), D(2026, 12, 31))
    assert rules.due_date(q4, 30) == D(2027, 1, 30)
    assert rules.previous_period(rules.period_containing(rules.QUARTERLY, D(2027, 2, 1))) == q4
    assert rules.next_period(q4).start == D(2027, 1, 1)


def test_half_yearly_second_half_is_due_next_year():
    h2 = rules.period_to_publish(rules.HALF_YEARLY, D(2027, 1, 5))
    assert (h2.start, h2.end, h2.number) == (D(2026, 7, 1), D(2026, 12, 31), 2)
    assert rules.due_date(h2, 30) == D(2027, 1, 30)
    h1 = rules.period_to_publish(rules.HALF_YEARLY, D(2026, 12, 31))
    assert (h1.start, h1.end, rules.due_date(h1, 30)) == (D(2026, 1, 1), D(2026, 6, 30), D(2026, 7, 30))


def test_yearly_report_is_due_after_the_year():
    year = rules.period_to_publish(rules.YEARLY, D(2027, 2, 1))
    assert (year.start, year.end) == (D(2026, 1, 1), D(2026, 12, 31))
    assert rules.due_date(year, 90) == D(2027, 3, 31)
    assert rules.due_date(rules.period_containing(rules.YEARLY, D(2027, 6, 1)), 90) == D(2028, 3, 30)  # 2028 is leap


def test_on_change_is_due_days_after_the_change_across_the_year_end():
    assert rules.due_after_change(D(2026, 12, 28), 10) == D(2027, 1, 7)


def test_status():
    assert rules.status(False, D(2027, 1, 30), D(2027, 1, 31)) == rules.OVERDUE
    assert rules.status(False, D(2027, 1, 30), D(2027, 1, 30)) == rules.DUE
    assert rules.status(True, D(2027, 1, 30), D(2027, 2, 5)) == rules.PUBLISHED
    assert rules.status(False, None, D(2027, 2, 5)) == rules.NOT_DUE


def test_reminders_due_window():
    # Q4 2026 due 30.01.2027, reminder 7 days ahead: from 23.01
    assert rules.reminders_due(rules.QUARTERLY, 30, 7, D(2027, 1, 22), []) == []
    assert rules.reminders_due(rules.QUARTERLY, 30, 7, D(2027, 1, 23), []) == [(D(2026, 10, 1), D(2027, 1, 30))]
    assert rules.reminders_due(rules.QUARTERLY, 30, 7, D(2027, 1, 23), [D(2026, 10, 1)]) == []
    # 0 days allowed: the current quarter's reminder goes out before it ends
    assert rules.reminders_due(rules.QUARTERLY, 0, 7, D(2026, 12, 25), [D(2026, 7, 1)]) == [(D(2026, 10, 1), D(2026, 12, 31))]
    assert rules.reminders_due(rules.ON_CHANGE, 10, 3, D(2027, 1, 4), [], changed_on=D(2026, 12, 28)) == \
        [(D(2026, 12, 28), D(2027, 1, 7))]
    assert rules.reminders_due(rules.ON_CHANGE, 10, 3, D(2027, 1, 4), [D(2026, 12, 29)], changed_on=D(2026, 12, 28)) == []


# --- the register in the database ---------------------------------------------------------------

def document(title):
    doc = Document(title=title)
    doc.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    doc.save()
    return doc


@pytest.fixture
def capacity(db):
    item = DisclosureItem.objects.get(code="free-capacity")  # preloaded by the data migration
    item.owner_email = "capacity@example.ru"
    item.save()
    return item


@pytest.mark.django_db
def test_items_are_preloaded_with_basis_and_frequency():
    items = {i.code: i for i in DisclosureItem.objects.all()}
    assert {items["free-capacity"].frequency, items["control-measurements"].frequency,
            items["service-quality-report"].frequency, items["connection-stages"].frequency} == \
        {rules.QUARTERLY, rules.HALF_YEARLY, rules.YEARLY, rules.ON_CHANGE}
    assert "№ 24" in items["free-capacity"].legal_basis_ru and "No. 24" in items["free-capacity"].legal_basis_en
    assert "19 «л»" in items["connection-stages"].legal_basis_ru


@pytest.mark.django_db
def test_public_page_lists_current_document_date_and_archive(client, home, capacity):
    DisclosurePublication.objects.create(item=capacity, period_start=D(2026, 4, 1), published_on=D(2026, 7, 20),
                                         document=document("Мощность 2 кв"))
    DisclosurePublication.objects.create(item=capacity, period_start=D(2026, 7, 1), published_on=D(2026, 10, 25),
                                         document=document("Мощность 3 кв"))
    html = client.get("/ru/disclosure/").content.decode()
    section = html.split('id="item-free-capacity"', 1)[1].split("</section>", 1)[0]
    assert "Мощность 3 кв" in section and "Мощность 2 кв" not in section  # the current one
    assert "(PDF, " in section  # format and size
    assert "25 октября 2026" in section and "3 квартал 2026 года" in section
    assert "Все документы (2)" in section
    archive = client.get("/ru/disclosure/free-capacity/").content.decode()
    assert archive.index("Мощность 3 кв") < archive.index("Мощность 2 кв")
    english = client.get("/en/disclosure/free-capacity/").content.decode()
    assert "Q2 2026" in english and "Information disclosure standards" in english
    assert client.get("/ru/disclosure/no-such-item/").status_code == 404


@pytest.mark.django_db
def test_admin_report_shows_overdue_and_due(client, capacity, time_machine):
    from django.contrib.auth.models import User

    time_machine.move_to(datetime.datetime(2027, 2, 2, 12, tzinfo=MSK), tick=False)
    client.force_login(User.objects.create_superuser("boss", "boss@example.ru", "x"))  # after the clock moves
    admin_client = client
    # Q4 2026 of the capacity is due 30.01.2027: overdue on 02.02; the yearly report (due 31.03) is due
    html = admin_client.get("/admin/reports/disclosure-due/").content.decode()
    assert "просрочено" in html and "ожидает публикации" in html
    rows = html.split("<tbody", 1)[1]
    assert rows.index("Свободная для технологического") < rows.index("Отчёт о качестве обслуживания")
    DisclosurePublication.objects.create(item=capacity, period_start=D(2026, 10, 1), published_on=D(2027, 2, 2),
                                         document=document("Мощность 4 кв"))
    assert capacity.status(D(2027, 2, 2)) == rules.PUBLISHED


@pytest.mark.django_db
def test_reminder_sent_once_per_item_and_period(capacity, time_machine, mailoutbox):
    DisclosureItem.objects.exclude(pk=capacity.pk).update(owner_email="")
    time_machine.move_to(datetime.datetime(2027, 1, 22, 9, tzinfo=MSK), tick=False)
    call_command("send_disclosure_reminders")
    assert mailoutbox == []  # 8 days before the due date: not yet
    time_machine.move_to(datetime.datetime(2027, 1, 23, 9, tzinfo=MSK), tick=False)
    call_command("send_disclosure_reminders")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["capacity@example.ru"]
    assert "30.01.2027" in message.subject and "4 квартал 2026 года" in message.body
    for day in (24, 30, 31):  # later runs, even after the due date: nothing more for this period
        time_machine.move_to(datetime.datetime(2027, 1, day, 9, tzinfo=MSK), tick=False)
        call_command("send_disclosure_reminders")
    assert len(mailoutbox) == 1
    assert ReminderSent.objects.filter(item=capacity, period_start=D(2026, 10, 1)).count() == 1
    # the next quarter gets its own reminder
    time_machine.move_to(datetime.datetime(2027, 4, 24, 9, tzinfo=MSK), tick=False)
    call_command("send_disclosure_reminders")
    assert len(mailoutbox) == 2 and "1 квартал 2027 года" in mailoutbox[1].body


@pytest.mark.django_db
def test_a_failed_send_is_retried_next_run(capacity, time_machine, mailoutbox, monkeypatch):
    DisclosureItem.objects.exclude(pk=capacity.pk).update(owner_email="")
    time_machine.move_to(datetime.datetime(2027, 1, 25, 9, tzinfo=MSK), tick=False)
    from disclosure.management.commands import send_disclosure_reminders as command

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(command, "send_mail", broken)
    call_command("send_disclosure_reminders")  # the error is reported, the other items go on
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    call_command("send_disclosure_reminders")
    assert len(mailoutbox) == 1 and ReminderSent.objects.count() == 1
