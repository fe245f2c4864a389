"""«Полезна ли страница?»: one counted vote per page per client a day, an hourly cap per client;
a vote that is not counted is thanked politely (issue 12, item 6). The client is the address
behind the trusted proxies (ops.client.client_address)."""
import datetime

import pytest
from django.test import Client, override_settings

from feedback import rules
from feedback.models import PageFeedback, VoteLimit
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="Тарифы и оплата")


def vote(client, page, useful="yes", lang="ru", **extra):
    return client.post(f"/{lang}/feedback/", {"page": page.pk, "useful": useful}, **extra)


def from_address(address):
    return {"REMOTE_ADDR": address}


@pytest.mark.parametrize("same_page, in_hour, expected", [
    (0, 0, None),
    (0, rules.VOTES_PER_HOUR - 1, None),
    (1, 0, rules.REPEAT),
    (1, rules.VOTES_PER_HOUR, rules.REPEAT),  # the repeat is the friendlier answer
    (0, rules.VOTES_PER_HOUR, rules.TOO_MANY),
])
def test_vote_refusal(same_page, in_hour, expected):
    assert rules.vote_refusal(same_page, in_hour) == expected


def test_a_repeated_vote_is_thanked_and_not_counted(client, section):
    assert vote(client, section, "yes").status_code == 303
    again = vote(client, section, "no")
    assert again.status_code == 200
    body = again.content.decode()
    assert "Вы уже отвечали на этот вопрос об этой странице, и ваш ответ учтён" in body
    assert "Спасибо за ответ" in body and section.url in body
    assert "Ответ не принят" not in body and 'class="error-summary"' not in body
    assert list(PageFeedback.objects.values_list("useful", flat=True)) == [True]
    assert "no-cache" in again["Cache-Control"] or "private" in again["Cache-Control"]


def test_the_repeat_message_is_in_english_on_the_english_site(client, section):
    vote(client, section, lang="en")
    body = vote(client, section, lang="en").content.decode()
    assert "You have already answered this question about this page" in body
    assert PageFeedback.objects.count() == 1


def test_other_clients_and_other_pages_are_counted(client, section, home):
    other_page = SectionPageFactory(parent=home, title="Подключение")
    assert vote(client, section, **from_address("203.0.113.7")).status_code == 303
    assert vote(client, section, **from_address("203.0.113.8")).status_code == 303
    assert vote(client, other_page, **from_address("203.0.113.7")).status_code == 303
    assert PageFeedback.objects.count() == 3


def test_the_next_day_the_same_client_is_counted_again_and_old_rows_go(client, section, time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.timezone.utc), tick=False)
    assert vote(client, section).status_code == 303
    time_machine.move_to(datetime.datetime(2026, 5, 5, 9, 0, tzinfo=datetime.timezone.utc), tick=False)
    assert vote(client, section).status_code == 200  # 23 hours later: still the same day's vote
    time_machine.move_to(datetime.datetime(2026, 5, 5, 10, 1, tzinfo=datetime.timezone.utc), tick=False)
    assert vote(client, section).status_code == 303
    assert PageFeedback.objects.count() == 2
    assert VoteLimit.objects.count() == 1  # yesterday's row was deleted with the new vote


def test_the_hourly_cap_per_client(client, home, monkeypatch):
    monkeypatch.setattr(rules, "VOTES_PER_HOUR", 2)
    pages = [SectionPageFactory(parent=home, title=f"Страница {n}") for n in range(3)]
    assert [vote(client, page).status_code for page in pages[:2]] == [303, 303]
    capped = vote(client, pages[2])
    assert capped.status_code == 429
    body = capped.content.decode()
    assert "поэтому этот ответ не учтён" in body and "Спасибо за ответ" in body
    assert PageFeedback.objects.count() == 2
    assert vote(client, pages[2], **from_address("198.51.100.20")).status_code == 303  # another client


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_trusted_proxy_each_citizen_is_a_client(client, section):
    # nginx appends the address it saw; a header the citizen forged comes before it
    assert vote(client, section, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 303
    assert vote(client, section, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 303
    assert vote(client, section, HTTP_X_FORWARDED_FOR="203.0.113.9, 203.0.113.7").status_code == 200
    assert PageFeedback.objects.count() == 2


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_forged_header_from_an_untrusted_address_does_not_buy_more_votes(client, section):
    outside = {"REMOTE_ADDR": "198.51.100.5"}
    assert vote(client, section, HTTP_X_FORWARDED_FOR="10.0.0.1", **outside).status_code == 303
    assert vote(client, section, HTTP_X_FORWARDED_FOR="10.0.0.2", **outside).status_code == 200
    assert PageFeedback.objects.count() == 1


def test_no_address_is_stored(client, section):
    vote(client, section, **from_address("203.0.113.77"))
    row = VoteLimit.objects.get()
    assert "203.0.113.77" not in row.client and len(row.client) == 40
    assert row.page_id == section.pk


def test_the_vote_still_needs_no_csrf_token_and_a_repeat_is_not_a_403(section):
    strict = Client(enforce_csrf_checks=True)
    assert vote(strict, section).status_code == 303
    assert vote(strict, section).status_code == 200
