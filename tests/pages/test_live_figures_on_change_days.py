"""Every question page of the demo content shows, on any day, the figures of the records in force that day.

The days are taken from the records themselves: each period boundary of the electricity tariffs and
the connection rates, the day before it, the day itself and the day after. The expected figure is
worked out here straight from the records (the next tariff start after the day; the rate whose
period contains the day), not through the code that renders the page.
"""
import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation
from django.utils.html import strip_tags

from cms_pages.models import ContactSettings, PreferentialRate, QuestionPage, TariffRecord
from cms_pages.rules.live_figures import TOKEN
from cms_pages.rules.money import format_money

ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def _electricity_records():
    return TariffRecord.objects.filter(page__live=True, page__kind="electricity")


def _rate(kind, day):
    """The live rate whose period contains ``day`` (an open-ended period ends where the next one starts)."""
    records = sorted(PreferentialRate.objects.filter(page__live=True, kind=kind), key=lambda r: r.effective_from)
    for record, following in zip(records, records[1:] + [None]):
        end = record.effective_to or (following.effective_from - ONE_DAY if following else None)
        if record.effective_from <= day and (end is None or day <= end):
            return record.rub_per_kw
    return None


def _contact(name):
    """The «Контакты» setting's value as stored (the number field's text, the e-mail)."""
    contacts = ContactSettings.objects.get(site__is_default_site=True)
    return {"hotline": contacts.hotline_number, "connection_number": contacts.connection_number,
            "contact_email": contacts.email}[name]


def expected(name, day, language):
    if name in ("hotline", "connection_number", "contact_email"):
        return _contact(name)
    if name == "next_tariff_change":
        starts = sorted({r.effective_from for r in _electricity_records() if r.effective_from > day})
        return starts[0].strftime("%d.%m.%Y") if starts else ""
    kind, factor = {"household_fee_15kw": ("preferential", 15), "preferential_rate": ("preferential", 1),
                    "social_rate": ("social", 1)}[name]
    rate = _rate(kind, day)
    return format_money(rate * factor, language=language) if rate is not None else ""


def change_days():
    boundaries = sorted({r.effective_from for r in _electricity_records()}
                        | {r.effective_from for r in PreferentialRate.objects.filter(page__live=True)})
    return sorted({day for b in boundaries for day in (b - ONE_DAY, b, b + ONE_DAY)})


def _text(html):
    return re.sub(r"\s+", " ", strip_tags(html).replace("&nbsp;", " ")).strip()  # \s covers the no-break space


@pytest.mark.django_db
def test_every_question_page_shows_the_record_in_force_before_on_and_after_each_change(client, demo):
    pages = list(QuestionPage.objects.live().specific())
    with_figures = [p for p in pages if "[[figure:" in (p.short_answer_ru or "") + (p.full_answer_ru or "")]
    assert len(pages) > 20 and len(with_figures) >= 2
    days = change_days()
    tariff_change = min(r.effective_from for r in _electricity_records() if r.effective_from > days[0] + ONE_DAY)
    assert tariff_change in days
    checked = 0
    for day in days:
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False):
            for page in pages:
                for language in ("ru", "en"):
                    with translation.override(language):
                        url = page.get_url()
                    response = client.get(url)
                    assert response.status_code == 200, url
                    html = response.content.decode()
                    assert "[[figure:" not in html, (url, day)
                    shown = _text(html)
                    for source in (getattr(page, f"short_answer_{language}"), getattr(page, f"full_answer_{language}")):
                        source_text = _text(source or "")
                        parts = TOKEN.split(source_text)  # text, figure name, text, figure name, ..., text
                        for k in range(1, len(parts), 2):
                            # the words around the figure, with the figure as the record has it that day
                            value = expected(parts[k], day, language)
                            around = re.sub(r"\s+", " ", f"{parts[k - 1][-30:]}{value}{parts[k + 1][:15]}")
                            assert around in shown, (url, day, parts[k], value)
                            checked += 1
    translation.activate("ru")
    assert checked >= 2 * 3 * len(days)
