"""The calculators through the Django test client, in Russian and English, with bad input."""
import re
from urllib.parse import urlencode

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

FEE = {"calculate": "1", "category": "household", "kw": "15", "voltage": "0.4", "area": "town",
       "distance_m": "300", "line": "overhead", "metering_points": "1", "date": "01.03.2026"}
BILL = {"calculate": "1", "consumer_group": "urban_gas", "mode": "three", "peak_kwh": "100",
        "half_peak_kwh": "200", "night3_kwh": "100", "date": "01.03.2026"}
BENEFITS = {"calculate": "1", "family_size": "1", "income": "20000", "payments": "5000",
            "heating_season": "yes", "date": "01.03.2026"}


def get(client, lang, name, params=None, **changes):
    query = {**(params or {}), **changes}
    query = {k: v for k, v in query.items() if v is not None}
    response = client.get(f"/{lang}/calculators/{name}/?{urlencode(query, doseq=True)}")
    translation.activate("ru")
    return response


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_index_lists_the_three_calculators_in_both_languages(client, fee_page, tariff_page, subsidy_page):
    ru = client.get("/ru/calculators/")
    assert ru.status_code == 200
    for path in ("/ru/calculators/connection-fee/", "/ru/calculators/bill/", "/ru/calculators/benefits/"):
        assert f'href="{path}"' in ru.content.decode()
    assert fee_page.url in ru.content.decode()
    en = client.get("/en/calculators/")
    translation.activate("ru")
    assert en.status_code == 200
    assert "Calculators" in title(en)
    assert 'href="/en/calculators/bill/"' in en.content.decode()


def test_empty_form_shows_no_errors(client, fee_page):
    response = client.get("/ru/calculators/connection-fee/")
    assert response.status_code == 200
    assert "error-summary" not in response.content.decode()
    assert title(response).startswith("Калькулятор")


def test_query_without_the_marker_only_prefills(client, fee_page):
    response = get(client, "ru", "connection-fee", {"kw": "15", "distance_m": "120"})
    assert response.status_code == 200
    assert 'name="kw" value="15"' in response.content.decode()
    assert "error-summary" not in response.content.decode()
    assert "calculator__answer" not in response.content.decode()


def test_connection_fee_result_in_russian(client, fee_page):
    response = get(client, "ru", "connection-fee", FEE)
    body = text(response)
    assert response.status_code == 200
    # 5,000 × 15 = 75,000 with VAT; standard 19,745 + 360,000 + 25,000 = 404,745 without VAT.
    assert "75 000,00 ₽ с НДС" in body
    assert "404 745,00" in body and "493 788,90" in body
    assert "По льготной ставке" in body
    assert "70-э/2" in body
    assert fee_page.url in body
    assert "/ru/requests/new/?type=connection" in body


def test_connection_fee_result_in_english(client, fee_page):
    response = get(client, "en", "connection-fee", FEE)
    body = text(response)
    assert response.status_code == 200
    assert "75,000.00" in body
    assert "preferential rate" in body.lower()
    assert "How the figure was reached" in body
    assert "Businesses up to 150 kW" in body
    assert '<html lang="en"' in body


def test_shared_url_gives_the_same_result(client, fee_page):
    first = get(client, "ru", "connection-fee", FEE)
    link = re.search(r'href="([^"]*connection-fee/\?calculate=1[^"]*)"', first.content.decode()).group(1)
    again = client.get(link.replace("&amp;", "&"))
    assert again.status_code == 200
    total = re.compile(r"data-total>(.*?)<")
    assert total.search(first.content.decode()).group(1) == total.search(again.content.decode()).group(1)


def test_comma_decimal_and_typed_units_are_understood(client, fee_page):
    # 3,5 kW × 5,000 = 17,500 with VAT.
    response = get(client, "ru", "connection-fee", FEE, kw="3,5 кВт", distance_m="300 м")
    assert response.status_code == 200
    assert "17 500,00 ₽ с НДС" in text(response)


@pytest.mark.parametrize("kw, message", [
    ("-5", "Мощность должна быть больше 0 кВт"),
    ("0", "Мощность должна быть больше 0 кВт"),
    ("1000000000000", "Мощность должна быть не больше 100 000 кВт"),
    ("пятнадцать", "Введите мощность числом, например 15 или 7,5"),
    ("", "Введите мощность в киловаттах"),
    ("5 МВт", "Введите мощность только числом, без «МВт»"),
    ("1e5", "Введите мощность числом"),
    ("NaN", "Введите мощность числом"),
    ("7,55", "не более чем с одним знаком после запятой"),
])
def test_bad_power_is_explained_next_to_the_field(client, fee_page, kw, message):
    response = get(client, "ru", "connection-fee", FEE, kw=kw, distance_m="abc")
    body = text(response)
    assert response.status_code == 400
    assert title(response).startswith("Ошибка: ")
    assert 'class="error-summary"' in body and "Есть ошибки" in body
    assert f'<a href="#id_kw">{message}' in body or (message in body and 'href="#id_kw"' in body)
    assert 'id="id_kw-error"' in body
    assert 'aria-invalid="true"' in body
    # what was typed stays in the form, the other fields too
    assert 'name="distance_m" value="abc"' in body
    assert 'value="household" id="id_category_0" required checked' in body or 'checked' in body


def test_power_over_the_category_limit_is_explained_next_to_the_power(client, fee_page):
    response = get(client, "ru", "connection-fee", FEE, kw="16")
    body = text(response)
    assert response.status_code == 400
    assert ('<a href="#id_kw">Для категории «Физическое лицо до 15 кВт для бытовых нужд» мощность не больше 15 кВт'
            in body)
    assert 'name="kw" value="16"' in body


def test_missing_fields_each_get_a_message(client, fee_page):
    response = get(client, "ru", "connection-fee", {"calculate": "1"})
    body = text(response)
    assert response.status_code == 400
    for message in ("Выберите, кто подключается", "Введите мощность в киловаттах",
                    "Выберите, где находится участок", "Введите расстояние до сетей в метрах"):
        assert message in body


def test_errors_in_english(client, fee_page):
    response = get(client, "en", "connection-fee", FEE, kw="-1")
    body = text(response)
    assert response.status_code == 400
    assert title(response).startswith("Error: ")
    assert "There is a problem" in body
    assert "Power must be more than 0 kW" in body


def test_a_date_without_published_rates(client, fee_page):
    response = get(client, "ru", "connection-fee", FEE, date="01.06.2025")
    body = text(response)
    assert response.status_code == 400
    assert "На 01.06.2025 стандартизированные ставки не опубликованы" in body
    assert 'href="#id_date"' in body


@pytest.mark.parametrize("date, message", [("31.02.2026", "Такой даты нет в календаре"),
                                           ("вчера", "Введите дату в формате ДД.ММ.ГГГГ"),
                                           ("01.01.1900", "Введите дату между 2000 и 2100 годом")])
def test_bad_dates(client, fee_page, date, message):
    response = get(client, "ru", "connection-fee", FEE, date=date)
    assert response.status_code == 400
    assert message in text(response)


def test_unknown_choice_is_refused_not_crashed(client, fee_page):
    response = get(client, "ru", "connection-fee", FEE, category="<script>", voltage="1000", area="moon")
    body = text(response)
    assert response.status_code == 400
    assert "<script>" not in body.split("<main")[1].split("</main>")[0].replace("&lt;script&gt;", "")


def test_no_published_fee_page_explains_and_refuses(client, home):
    response = get(client, "ru", "connection-fee", FEE)
    assert response.status_code == 400
    assert "ещё не опубликованы" in text(response)


def test_bill_side_by_side_in_russian(client, tariff_page):
    response = get(client, "ru", "bill", BILL)
    body = text(response)
    assert response.status_code == 200
    # single 400 × 6.59 = 2,636.00; two-zone 300 × 7 + 100 × 3.5 = 2,450.00; three-zone 2,468.00
    for figure in ("2 636,00", "2 450,00", "2 468,00"):
        assert figure in body
    assert re.search(r'class="calculator__cheapest"> <th scope="row">Двухзонный тариф', body)
    assert "самый выгодный" in body
    assert "81-э/5" in body
    assert tariff_page.url in body


def test_bill_in_english(client, tariff_page):
    response = get(client, "en", "bill", BILL)
    body = text(response)
    assert response.status_code == 200
    assert "2,450.00" in body and "cheapest" in body.lower()
    assert "Two-zone tariff" in body


def test_bill_needs_the_fields_of_the_chosen_split(client, tariff_page):
    response = get(client, "ru", "bill", BILL, mode="two", day_kwh="300")
    body = text(response)
    assert response.status_code == 400
    assert 'href="#id_night_kwh"' in body and "Введите расход ночью в кВт·ч" in body
    assert 'name="day_kwh" value="300"' in body


@pytest.mark.parametrize("total, message", [("0", "Расход за месяц должен быть больше 0 кВт·ч"),
                                            ("1000000000000", "не больше 100 000 кВт·ч"),
                                            ("много", "Введите расход числом"),
                                            ("-3", "Расход не может быть меньше 0")])
def test_bill_bad_consumption(client, tariff_page, total, message):
    response = get(client, "ru", "bill", {**BILL, "mode": "total", "total_kwh": total})
    assert response.status_code == 400
    assert message in text(response)


def test_benefits_in_russian(client, subsidy_page):
    response = get(client, "ru", "benefits", BENEFITS)
    body = text(response)
    assert response.status_code == 200
    # 22% of 20,000 = 4,400; 5,000 − 4,400 = 600
    assert "около 600,00 ₽ в месяц" in body
    assert "Окончательное решение принимает социальная защита" in body
    assert "Справки о доходах" in body
    assert "Центр социальной защиты" in body or "центр социальной защиты" in body
    assert subsidy_page.url in body


def test_benefits_in_english(client, subsidy_page):
    response = get(client, "en", "benefits", BENEFITS, income="40000")
    body = text(response)
    assert response.status_code == 200
    assert "social protection" in body.lower()
    assert "28,000.00" in body  # the ceiling the income was compared with


def test_benefits_errors_keep_what_was_typed(client, subsidy_page):
    response = get(client, "ru", "benefits", {**BENEFITS, "family_size": "0", "income": "сорок тысяч",
                                              "categories": ["veteran"], "heating_season": None})
    body = text(response)
    assert response.status_code == 400
    assert "В семье не может быть меньше 1 человека" in body
    assert "Введите доход числом в рублях" in body
    assert "Выберите, для какого периода считать" in body
    assert 'value="сорок тысяч"' in body
    assert re.search(r'value="veteran"[^>]*checked', body)


@pytest.mark.parametrize("field", ["kw", "distance_m", "metering_points", "date", "category", "voltage"])
@pytest.mark.parametrize("junk", ["", " ", "-0", "1" * 400, "١٥", "15\x00", "%", "3,5,5", "1 000,000.5"])
def test_junk_never_crashes_the_fee_calculator(client, fee_page, field, junk):
    response = get(client, "ru", "connection-fee", FEE, **{field: junk})
    assert response.status_code in (200, 400)


@pytest.fixture
def typical_share(tariff_page):
    from cms_pages.models import TypicalZoneShare

    return TypicalZoneShare.objects.create(page=tariff_page, consumer_group="urban_gas", night_percent=30,
                                           peak_percent=30, source="Демонстрационное значение.")


def test_300_kwh_total_is_answered_with_the_groups_typical_night_share(client, typical_share):
    # Does a two-zone meter pay off at 300 kWh? Single 300 × 6.59 = 1,977.00; two-zone with the
    # typical 30 % at night: 210 × 7.00 + 90 × 3.50 = 1,785.00 -> yes, the two-zone tariff is cheapest.
    response = get(client, "ru", "bill", BILL, mode="total", total_kwh="300")
    body = text(response)
    assert response.status_code == 200
    assert "1 977,00" in body and "1 785,00" in body
    assert re.search(r'class="calculator__cheapest"> <th scope="row">Двухзонный тариф', body)
    assert "Допущение: ночью (23:00–07:00) вы расходуете 30 %" in body


def test_the_visitor_can_change_the_assumed_night_share(client, typical_share):
    # 10 % at night: 270 × 7.00 + 30 × 3.50 = 1,995.00, dearer than the single rate (1,977.00).
    response = get(client, "ru", "bill", BILL, mode="total", total_kwh="300", night_share="10")
    body = text(response)
    assert response.status_code == 200
    assert "1 995,00" in body and "по вашей доле ночного расхода: 10 %" in body
    assert re.search(r'class="calculator__cheapest"> <th scope="row">Одноставочный тариф', body)


@pytest.mark.parametrize("share, message", [("-5", "Доля ночного расхода должна быть больше 0 %"),
                                            ("150", "Доля ночного расхода должна быть меньше 100 %"),
                                            ("много", "Введите долю ночного расхода числом"),
                                            ("99999999999999999999", "Доля ночного расхода должна быть меньше 100 %")])
def test_bad_night_share_is_explained_next_to_the_field_and_kept(client, typical_share, share, message):
    response = get(client, "ru", "bill", BILL, mode="total", total_kwh="300", night_share=share)
    body = text(response)
    assert response.status_code == 400
    assert message in body and 'href="#id_night_share"' in body
    assert f'name="night_share" value="{share}"' in body


def test_night_and_peak_over_100_percent_are_refused(client, typical_share):
    response = get(client, "ru", "bill", BILL, mode="total", total_kwh="300", night_share="60", peak_share="50")
    assert response.status_code == 400
    assert "Ночь и пик вместе должны быть меньше 100 %" in text(response)
