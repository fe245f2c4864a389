"""Every page type renders in Russian and English; each shows its own parts."""
import datetime
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cms_pages import models as m
from cms_pages.codes import PAYMENT_SHARE, RESIDENCE
from tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def get_ok(client, url, lang):
    response = client.get(url)
    assert response.status_code == 200, url
    html = soup(response)
    assert html.html["lang"] == lang, url
    assert len(html.find_all("h1")) == 1, url
    assert not html.find(style=True), f"inline style on {url}"
    assert not [s for s in html.find_all("script") if s.string and s.string.strip()], f"inline script on {url}"
    return html


@pytest.fixture
def all_pages(home):
    act = f.LegalActFactory()
    section = f.SectionPageFactory(parent=home, slug="uslugi", slug_en="services")
    content = f.ContentPageFactory(parent=section, slug="o-nas", slug_en="about", body=[
        {"type": "heading", "value": {"text": "Раздел текста", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Простой текст.</p>"},
        {"type": "callout", "value": {"kind": "warning", "title": "", "text": "<p>Осторожно.</p>"}},
    ])
    tariffs = f.TariffPageFactory(parent=section, slug="tarify", slug_en="tariffs")
    f.TariffRecordFactory(page=tariffs, legal_act=act)
    fees = f.ConnectionFeePageFactory(parent=section, slug="plata", slug_en="fees")
    f.ApplicantCategoryFactory(page=fees)
    f.StandardizedRateFactory(page=fees, legal_act=act, effective_from=D(2025, 1, 1))
    f.PreferentialRateFactory(page=fees, legal_act=act, effective_from=D(2025, 1, 1))
    subsidy = f.SubsidyPageFactory(parent=section, slug="subsidiya", slug_en="subsidy", legal_act=act,
                                   documents=[{"type": "document", "value": "Паспорт"}])
    f.IncomeCeilingFactory(page=subsidy, legal_act=act)
    procedure = f.ProcedurePageFactory(parent=section, slug="podklyuchenie", slug_en="connection")
    directory = f.ServiceCentreIndexPageFactory(parent=home, slug="centry", slug_en="centres")
    centre = f.ServiceCentrePageFactory(parent=directory, slug="arhangelsk", slug_en="arkhangelsk",
                                        has_ramp=True, offers_home_visits=True,
                                        latitude=Decimal("64.539911"), longitude=Decimal("40.515762"))
    for day in range(5):
        f.OpeningHoursFactory(page=centre, weekday=day)
    question = f.QuestionPageFactory(parent=section, slug="vopros", slug_en="question",
                                     related_pages=[{"type": "page", "value": procedure.pk}])
    news_index = f.NewsIndexPageFactory(parent=home, slug="novosti", slug_en="news")
    news = f.NewsPageFactory(parent=news_index, slug="novost", slug_en="item")
    return {
        "home": ("/ru/", "/en/"), "section": ("/ru/uslugi/", "/en/services/"),
        "content": ("/ru/uslugi/o-nas/", "/en/services/about/"),
        "tariffs": ("/ru/uslugi/tarify/", "/en/services/tariffs/"),
        "fees": ("/ru/uslugi/plata/", "/en/services/fees/"),
        "subsidy": ("/ru/uslugi/subsidiya/", "/en/services/subsidy/"),
        "procedure": ("/ru/uslugi/podklyuchenie/", "/en/services/connection/"),
        "directory": ("/ru/centry/", "/en/centres/"),
        "centre": ("/ru/centry/arhangelsk/", "/en/centres/arkhangelsk/"),
        "question": ("/ru/uslugi/vopros/", "/en/services/question/"),
        "news_index": ("/ru/novosti/", "/en/news/"),
        "news": ("/ru/novosti/novost/", "/en/news/item/"),
        "_pages": {"content": content, "news": news, "centre": centre, "question": question},
    }


PAGE_KEYS = ["home", "section", "content", "tariffs", "fees", "subsidy", "procedure", "directory", "centre",
             "question", "news_index", "news"]


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_type_renders_in_both_languages_with_translated_slugs(client, all_pages, key):
    ru_url, en_url = all_pages[key]
    get_ok(client, ru_url, "ru")
    get_ok(client, en_url, "en")


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_no_page_type_needs_more_than_25_queries(client, all_pages, key, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        client.get(all_pages[key][0])


def test_empty_english_field_falls_back_to_russian_marked_lang_ru(client, home):
    page = f.ContentPageFactory(parent=home, slug="pravila", slug_en="rules",
                                summary="Только по-русски.", summary_en="")
    html = get_ok(client, "/en/rules/", "en")
    lead = html.find("p", class_="lead")
    assert lead.get_text() == "Только по-русски." and lead["lang"] == "ru"
    assert not html.find("h1").has_attr("lang")  # the English title is there
    page.summary_en = "English summary."
    page.save_revision().publish()
    lead = get_ok(client, "/en/rules/", "en").find("p", class_="lead")
    assert lead.get_text() == "English summary." and not lead.has_attr("lang")


def test_missing_page_gives_a_404_page_in_english(client, home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == "en"
    assert html.find("h1").get_text() == "Page not found"
    response = client.get("/ru/net-takoi-stranicy/")
    assert response.status_code == 404
    assert soup(response).find("h1").get_text() == "Страница не найдена"


def test_sitemap_lists_every_public_page_in_both_languages(client, all_pages):
    draft = f.ContentPageFactory(parent=all_pages["_pages"]["content"].get_parent(), slug="chernovik",
                                 slug_en="draft", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text.replace("http://testserver", "").replace("http://localhost", "")
                 for loc in ElementTree.fromstring(response.content).findall("s:url/s:loc", ns)}
    for key in PAGE_KEYS:
        ru_url, en_url = all_pages[key]
        assert ru_url in locations and en_url in locations, key
    assert not any(draft.slug in loc or "draft" in loc for loc in locations)


def test_content_page_blocks(client, all_pages):
    html = get_ok(client, "/ru/uslugi/o-nas/", "ru")
    assert html.find("h2", string="Раздел текста")
    callout = html.find(class_="callout")
    assert "callout--warning" in callout["class"] and "Важно" in callout.get_text()


def test_home_page_shows_active_alerts_named_by_type_and_top_tasks(client, home):
    f.AlertBannerFactory()
    f.AlertBannerFactory(title="Прошедшее", starts_at=timezone.now() - datetime.timedelta(days=3),
                         ends_at=timezone.now() - datetime.timedelta(days=1))
    home.top_tasks = [{"type": "task", "value": {"title": "Узнать тарифы", "description": "", "page": None,
                                                  "url": "/ru/tarify/"}}]
    home.save_revision().publish()
    html = get_ok(client, "/ru/", "ru")
    alerts = html.find_all(class_="alert")
    assert len(alerts) == 1
    alert = alerts[0]
    assert "alert--warning" in alert["class"]
    heading = html.find(id=alert["aria-labelledby"])
    assert heading.get_text(" ", strip=True).startswith("Информация")
    assert html.find("a", href="/ru/tarify/", string="Узнать тарифы")
    en = get_ok(client, "/en/", "en")
    assert "Service centre hours change" in en.find(class_="alert").get_text()


def test_procedure_page_is_a_numbered_step_by_step_with_start_link(client, home):
    related = f.ProcedurePageFactory(parent=home, slug="obzhalovanie", title="Обжалование решения")
    f.ProcedurePageFactory(
        parent=home, slug="shagi", slug_en="steps", request_type="connection",
        steps=[f.step("Подайте заявку", "or", documents=["Паспорт", "План участка"], responsible="Отдел ТП",
                      deadline="6 рабочих дней", cost="Бесплатно"),
               f.step("Подайте заявку лично"), f.step("Заключите договор")],
        related_pages=[{"type": "page", "value": related.pk}])
    html = get_ok(client, "/ru/shagi/", "ru")
    steps = html.select("ol.step-by-step > li")
    assert len(steps) == 3
    assert [s.h2.get_text(" ", strip=True) for s in steps][0].startswith("Шаг 1")
    first = steps[0].get_text(" ", strip=True)
    for part in ("Паспорт", "План участка", "Отдел ТП", "6 рабочих дней", "Бесплатно"):
        assert part in first
    assert steps[0].find(class_="step-by-step__connector").get_text() == "или"
    assert not steps[2].find(class_="step-by-step__connector")
    assert html.find("a", class_="button--start")["href"] == "/ru/requests/new/?type=connection"
    assert html.find("section", class_="related").find("a", string="Обжалование решения")
    en = get_ok(client, "/en/steps/", "en")
    assert en.find("a", class_="button--start")["href"] == "/en/requests/new/?type=connection"
    first_en = en.select("ol.step-by-step > li")[0]
    assert first_en.h2.get_text(" ", strip=True).startswith("Step 1")
    # the steps have no English version: the Russian text is shown and marked, the chrome stays English
    assert first_en.h2.find("span", class_="step-by-step__text", lang="ru").get_text() == "Подайте заявку"
    assert not first_en.h2.find("span", class_="step-by-step__number").has_attr("lang")


def test_subsidy_page_shows_criteria_rule_ceilings_in_force_documents_and_where_to_apply(client, home):
    act = f.LegalActFactory(number="116-пп")
    page = f.SubsidyPageFactory(parent=home, slug="sub", legal_act=act,
                                criteria=[m.SubsidyCriterion(kind=RESIDENCE, note="Живёте в Архангельской области"),
                                          m.SubsidyCriterion(kind=PAYMENT_SHARE, percent=Decimal("22"))],
                                documents=[{"type": "document", "value": "Справка о доходах"}])
    f.IncomeCeilingFactory(page=page, family_size=1, heating_season=Decimal("25000"), legal_act=act,
                           effective_from=D(2022, 1, 1), effective_to=D(2023, 2, 8))
    f.IncomeCeilingFactory(page=page, family_size=1, heating_season=Decimal("28000"), legal_act=act,
                           effective_from=D(2023, 2, 9))
    f.IncomeCeilingFactory(page=page, family_size=2, heating_season=Decimal("38500"), legal_act=act,
                           effective_from=D(2023, 2, 9))
    html = get_ok(client, "/ru/sub/?date=2024-01-01", "ru")
    text = html.get_text(" ", strip=True)
    assert "Живёте в Архангельской области" in text and "Справка о доходах" in text
    assert "Вы зарегистрированы по месту жительства в регионе" in text  # worded from the criterion's kind
    assert "22 % её дохода" in text.replace("\xa0", " ")
    table = html.find("section", attrs={"aria-labelledby": "ceilings-heading"}).find("table")
    cells = [td.get_text(strip=True) for td in table.select("tbody td")]
    assert "28\u00a0000,00" in cells and "38\u00a0500,00" in cells and "25\u00a0000,00" not in cells
    old = get_ok(client, "/ru/sub/?date=2023-02-08", "ru").find("section", attrs={"aria-labelledby": "ceilings-heading"})
    assert "25\u00a0000,00" in old.get_text() and "28\u00a0000,00" not in old.find("table").get_text()
    where = html.find("section", attrs={"aria-labelledby": "where-heading"})
    assert "Отдел социальной защиты населения" in where.get_text()
    assert where.find("a", href="tel:88182200000")
    assert "10 рабочих дней" in text and "116-пп" in text
    assert client.get("/ru/sub/?date=31.02.2024").status_code == 400


def test_connection_fee_page_chooses_rates_by_date(client, home):
    act = f.LegalActFactory()
    page = f.ConnectionFeePageFactory(parent=home, slug="tp")
    f.ApplicantCategoryFactory(page=page)
    f.StandardizedRateFactory(page=page, legal_act=act, amount=Decimal("19745.00"),
                              effective_from=D(2025, 1, 1), effective_to=None)
    f.StandardizedRateFactory(page=page, legal_act=act, amount=Decimal("21000.00"), effective_from=D(2026, 1, 1))
    f.PreferentialRateFactory(page=page, legal_act=act, rub_per_kw=Decimal("5000.00"), effective_from=D(2025, 1, 1))
    before = get_ok(client, "/ru/tp/?date=2025-12-31", "ru")
    rates = before.find("section", attrs={"aria-labelledby": "rates-heading"}).get_text()
    assert "19\u00a0745,00" in rates and "21\u00a0000,00" not in rates and "5\u00a0000,00" in rates
    assert "01.01.2026" in before.find("section", attrs={"aria-labelledby": "upcoming-heading"}).get_text()
    after = get_ok(client, "/ru/tp/?date=2026-01-01", "ru")
    rates = after.find("section", attrs={"aria-labelledby": "rates-heading"}).get_text()
    assert "21\u00a0000,00" in rates and "19\u00a0745,00" not in rates
    assert "19\u00a0745,00" in after.find("section", attrs={"aria-labelledby": "archive-heading"}).get_text()
    assert "Физические лица до 15 кВт" in after.get_text()
    assert client.get("/ru/tp/?date=2026-1-32").status_code == 400


def test_question_page_answers_first(client, all_pages):
    html = get_ok(client, "/ru/uslugi/vopros/", "ru")
    first_after_h1 = html.find("h1").find_next_sibling()
    assert first_after_h1.get_text() == "Короткий ответ."
    assert html.find("section", class_="related").find("a")["href"] == "/ru/uslugi/podklyuchenie/"
