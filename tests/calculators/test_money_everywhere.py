"""One money format on every channel (issue 13, item 5): «1 251 300,00 ₽» in Russian, "1,251,300.00 RUB"
in English, from ``cms_pages.rules.money`` (the ``money`` / ``amount`` filters of ``figures``).

Pages (a table cell whose header names the unit shows the number alone: «1 200 000,00»), the tools'
results and explanations, the search answers and the tariff data file's ``price_label`` column.
No e-mail the site sends carries a money figure today (case, connection application, visit,
outage and reminder e-mails); one that does must use ``{% load figures %}{{ value|money }}``.
"""
import csv
import datetime
import io
import re
from decimal import Decimal as D
from urllib.parse import urlencode

import pytest
from django.utils import translation

from tests import factories as f
from tests.search.test_direct_answers import BEFORE, ask, content  # noqa: F401 - the search fixture

pytestmark = pytest.mark.django_db
NB = "\u00a0"  # between digit groups and before «₽»


def page_html(client, page, lang):
    with translation.override(lang):
        url = page.url
    response = client.get(url)
    translation.activate("ru")
    assert response.status_code == 200, url
    return response.content.decode()


def cells(html):
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r'<td class="numeric"[^>]*>(.*?)</td>', html, re.S)]


@pytest.mark.parametrize("lang, c2, preferential", [
    ("ru", f"1{NB}200{NB}000,00", f"5{NB}000,00"), ("en", "1,200,000.00", "5,000.00")])
def test_the_fee_page_tables(client, fee_page, lang, c2, preferential):
    shown = cells(page_html(client, fee_page, lang))
    assert c2 in shown and preferential in shown
    assert "1200000,00" not in shown and "1200000.00" not in shown


@pytest.mark.parametrize("lang, sentence", [
    ("ru", f"1 чел. — 1{NB}251{NB}300,00{NB}₽ / 22{NB}000,00{NB}₽"),
    ("en", "1 people — 1,251,300.00 RUB / 22,000.00 RUB")])
def test_the_subsidy_page_announces_the_next_ceilings_as_money(client, subsidy_page, lang, sentence):
    f.IncomeCeilingFactory(page=subsidy_page, family_size=1, heating_season=D("1251300"),
                           non_heating_season=D("22000"), effective_from=datetime.date(2030, 1, 1))
    html = page_html(client, subsidy_page, lang)
    assert sentence in html
    assert f"28{NB}000,00" in cells(html) if lang == "ru" else "28,000.00" in cells(html)


FEE = {"calculate": "1", "category": "household", "kw": "15", "voltage": "0.4", "area": "town",
       "distance_m": "300", "line": "overhead", "metering_points": "1", "date": "01.03.2026"}


@pytest.mark.parametrize("lang, total, explanation, cell", [
    ("ru", f"75{NB}000,00{NB}₽ с НДС",
     f"Льготная ставка × мощность (75{NB}000,00{NB}₽) ниже стоимости по стандартизированным ставкам "
     f"(493{NB}788,90{NB}₽ с НДС)", f"<td>404{NB}745,00</td>"),
    ("en", "75,000.00 RUB incl. VAT",
     "The preferential rate × power (75,000.00 RUB) is lower than the cost at standardized rates "
     "(493,788.90 RUB incl. VAT)", "<td>404,745.00</td>")])
def test_the_fee_calculator_result(client, fee_page, lang, total, explanation, cell):
    response = client.get(f"/{lang}/calculators/connection-fee/?{urlencode(FEE)}")
    translation.activate("ru")
    html = re.sub(r"[ \n]+", " ", response.content.decode())
    assert total in html and explanation in html and cell in html
    assert "руб." not in re.search(r"data-total>(.*?)</p>", html).group(1)


BENEFITS = {"calculate": "1", "family_size": "1", "income": "20000", "payments": "5000",
            "heating_season": "yes", "date": "01.03.2026"}


@pytest.mark.parametrize("lang, estimate, income", [
    ("ru", f"около 600,00{NB}₽ в месяц", f"Доход семьи 20{NB}000,00{NB}₽ не больше предельного 28{NB}000,00{NB}₽"),
    ("en", "about 600.00 RUB a month", "Family income of 20,000.00 RUB is within the ceiling of 28,000.00 RUB")])
def test_the_benefit_checker_result(client, subsidy_page, lang, estimate, income):
    response = client.get(f"/{lang}/calculators/benefits/?{urlencode(BENEFITS)}")
    translation.activate("ru")
    html = re.sub(r"[ \n]+", " ", response.content.decode())
    assert estimate in html and income in html


@pytest.mark.parametrize("lang, query, limit", [
    ("ru", "тариф газовая плита одноставочный 1 диапазон", f"до 3{NB}900 кВт·ч"),
    ("en", "tariff gas stove single rate band 1", "3,900")])
def test_a_search_answer_writes_money_and_band_limits_in_the_language(content, lang, query, limit):  # noqa: F811
    card = ask(query, lang, on=BEFORE)
    assert card.kind == "tariff"
    first = card.figures[0]
    assert first.display == (f"7,64{NB}₽" if lang == "ru" else "7.64 RUB")
    assert any(limit in figure.label for figure in card.figures), [figure.label for figure in card.figures]


@pytest.mark.parametrize("lang, label", [("ru", f"1{NB}251{NB}300,00{NB}₽"), ("en", "1,251,300.00 RUB")])
def test_the_tariff_data_file_has_a_money_label_beside_the_plain_number(client, home, lang, label):
    page = f.TariffPageFactory(parent=home)
    f.TariffRecordFactory(page=page, price=D("1251300"))
    with translation.override(lang):
        url = page.url
    rows = list(csv.DictReader(io.StringIO(client.get(url + "data.csv").content.decode("utf-8-sig"))))
    data = client.get(url + "data.json").json()
    translation.activate("ru")
    assert (rows[0]["price"], rows[0]["price_label"]) == ("1251300.00", label)
    assert (data["records"][0]["price"], data["records"][0]["price_label"]) == ("1251300.00", label)
