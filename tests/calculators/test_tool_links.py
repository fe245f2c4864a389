"""Procedures, questions and tariff pages link the right tool with the values they know (issue 13).

Each link is a plain ``<a href>`` with a query string, labelled in the visitor's language, to the
tool page's translated URL; following it opens the tool with its fields filled in and a result.
A question's or procedure's link is a structured block whose values the tool's own form checks.
"""
import re
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from cms_pages.models import BillToolPage, ConnectionFeeToolPage, EligibilityToolPage, QuestionPage
from tests.calculators import factories as f
from tests.factories import ProcedurePageFactory, QuestionPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

TOOLS = [  # model, title ru/en, slug ru/en
    (ConnectionFeeToolPage, "Калькулятор платы за подключение", "Grid connection fee calculator",
     "kalkulyator-platy", "connection-fee-calculator"),
    (BillToolPage, "Калькулятор счёта за электроэнергию", "Electricity bill calculator",
     "kalkulyator-scheta", "bill-calculator"),
    (EligibilityToolPage, "Проверить право на субсидию", "Check your right to a subsidy",
     "proverit-pravo", "check-eligibility"),
]
FEE_LINK = {"category": "household", "kw": "15", "voltage": "0.4", "area": "town", "distance_m": "300",
            "line": "overhead", "metering_points": "1", "social": False}
BILL_LINK = {"consumer_group": "urban_gas", "total_kwh": "300", "night_share": None}
SUBSIDY_LINK = {"family_size": "3", "income": "45000", "payments": "12000", "heating_season": "yes"}


@pytest.fixture
def tools(home, fee_page, tariff_page, subsidy_page):
    """The three tool pages (translated slugs) and the published records they calculate from."""
    f.TypicalZoneShareFactory(page=tariff_page)
    section = SectionPageFactory(parent=home, title="Инструменты", title_en="Tools", slug="instrumenty", slug_en="tools")
    pages = {}
    for model, title, title_en, slug, slug_en in TOOLS:
        page = model(title=title, title_en=title_en, slug=slug, slug_en=slug_en)
        section.add_child(instance=page)
        page.save_revision().publish()
        pages[model.search_tool] = page
    return pages


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def links(html, marker):
    """[(href, text)] of the links whose href contains ``marker``."""
    return [(unescape(href), re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", label))).strip())
            for href, label in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html, re.S) if marker in href]


def field_value(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html) or \
        re.search(rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html)
    return match.group(1) if match else None


def checked(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"[^>]*checked', html)
    return match.group(1) if match else None


def tool_url(tools, kind, lang):
    with translation.override(lang):
        return tools[kind].get_url()


def follow(client, page, tools, kind, lang):
    """The page in ``lang``, its one link to the ``kind`` tool: (link text, the tool's HTML)."""
    with translation.override(lang):
        page_url = page.get_url()
    base = tool_url(tools, kind, lang)
    found = links(html_of(client, page_url), base + "?")
    assert len(found) >= 1, (kind, lang)
    href, label = found[0]
    assert href.startswith(base + "?") and "calculate=1" in href
    return label, html_of(client, href)


def question(home, **link):
    (kind, value), = link.items()
    page = QuestionPageFactory(parent=home, tool_link=[(kind, value)])
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_question_links_the_bill_estimator_with_its_values(client, home, tools, lang):
    page = question(home, bill=BILL_LINK)
    label, tool = follow(client, page, tools, "bill", lang)
    assert label == {"ru": "Открыть «Калькулятор счёта за электроэнергию» с подставленными значениями",
                     "en": "Open “Electricity bill calculator” with the values filled in"}[lang]
    assert checked(tool, "consumer_group") == "urban_gas" and field_value(tool, "total_kwh") == "300"
    # 300 kWh, typical 30 % at night: single 1 977,00; two-zone 210 × 7 + 90 × 3,5 = 1 785,00
    result = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tool[tool.index('id="result-title"'):])).replace("\u00a0", " ")
    assert {"ru": "1 785,00", "en": "1,785.00"}[lang] in result, result[:600]
    assert 'id="result-title"' in tool


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_question_links_the_benefit_checker_with_the_issues_case(client, home, tools, lang):
    page = question(home, eligibility=SUBSIDY_LINK)
    label, tool = follow(client, page, tools, "eligibility", lang)
    assert field_value(tool, "family_size") == "3" and field_value(tool, "income") == "45000"
    assert field_value(tool, "payments") == "12000" and checked(tool, "heating_season") == "yes"
    assert 'id="result-title"' in tool
    # 12 000 is 26.7 % of 45 000, over the 22 % share, and 45 000 is under the ceiling of 50 000
    assert {"ru": "скорее всего, положена", "en": "likely"}[lang] in tool


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_connection_procedure_links_the_fee_calculator_for_a_15_kw_house(client, home, tools, lang):
    procedure = ProcedurePageFactory(parent=home, tool_link=[("connection_fee", FEE_LINK)])
    procedure.save_revision().publish()
    label, tool = follow(client, procedure, tools, "connection_fee", lang)
    assert checked(tool, "category") == "household" and field_value(tool, "kw") == "15"
    assert field_value(tool, "distance_m") == "300" and checked(tool, "area") == "town"
    assert {"ru": "75 000,00", "en": "75,000.00"}[lang] in tool.replace("\u00a0", " ")
    with translation.override(lang):
        page_html = html_of(client, procedure.get_url())
    values = {"ru": "Мощность, кВт — 15", "en": "Power, kW — 15"}[lang]
    assert values in page_html
    assert {"ru": "Кто подключается — Физическое лицо до 15 кВт",
            "en": "Who is connecting — Individual up to 15 kW"}[lang] in page_html


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_tariff_page_links_the_estimator_for_its_group_with_the_examples_kwh(client, tools, tariff_page, lang):
    tariff_page.example_kwh = D("300")
    tariff_page.save_revision().publish()
    with translation.override(lang):
        page_html = html_of(client, tariff_page.get_url())
    found = links(page_html, tool_url(tools, "bill", lang) + "?consumer_group=urban_gas")
    assert found, lang
    href, label = found[0]
    assert label == {"ru": "Рассчитать счёт: Городское население в домах с газовыми плитами, 300 кВт·ч в месяц",
                     "en": "Work out the bill: Urban households with gas stoves, 300 kWh a month"}[lang]
    tool = html_of(client, href)
    assert checked(tool, "consumer_group") == "urban_gas" and field_value(tool, "total_kwh") == "300.00"
    assert 'id="result-title"' in tool


def test_a_tariff_page_without_an_example_prefills_the_group_only(client, tools, tariff_page):
    page_html = html_of(client, tariff_page.url)
    [(href, _label)] = links(page_html, tool_url(tools, "bill", "ru") + "?")
    assert "calculate" not in href
    tool = html_of(client, href)
    assert checked(tool, "consumer_group") == "urban_gas" and 'id="result-title"' not in tool


def test_each_language_links_its_own_translated_tool_url(client, home, tools):
    """The tool's URL is looked up once per language, not once for whichever language came first."""
    page = question(home, bill=BILL_LINK)
    for lang in ("ru", "en", "ru"):
        with translation.override(lang):
            page_url = page.get_url()
        assert links(html_of(client, page_url), tool_url(tools, "bill", lang) + "?"), lang


def test_no_tool_link_no_section(client, home, tools):
    page = QuestionPageFactory(parent=home)
    assert "Рассчитать для своего случая" not in html_of(client, page.url)


# ----------------------------------------------------------------- the editor's block, checked by the tool's form

def edit_data(client, page, tool_link):
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    data = {k: v for k, v in data.items() if not k.startswith(("tool_link", "related_pages"))}
    posted = [(kind, {k: "" if v is None else v for k, v in value.items()}) for kind, value in tool_link]
    data.update(nested_form_data({"tool_link": streamfield(posted), "related_pages": streamfield([])}))
    return data


def link_errors(response):
    """The tool link's errors as the editor is shown them (Wagtail draws StreamField errors from JSON)."""
    import json
    assert response.status_code == 200
    [error] = response.context["form"].errors["tool_link"].as_data()
    return json.dumps(error.as_json_data(), ensure_ascii=False)


def test_an_editor_sets_a_tool_link_and_bad_values_are_refused_by_the_tools_form(admin_client, home, tools):
    page = QuestionPageFactory(parent=home)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = admin_client.post(url, edit_data(admin_client, page, [("bill", {**BILL_LINK, "total_kwh": "0"})]))
    assert "Расход за месяц должен быть больше 0 кВт·ч" in link_errors(response)
    response = admin_client.post(url, edit_data(admin_client, page, [("connection_fee", {**FEE_LINK, "category": "nobody"})]))
    assert "Выберите, кто подключается, из списка" in link_errors(response)
    response = admin_client.post(url, edit_data(admin_client, page, [("eligibility", {**SUBSIDY_LINK, "income": "-5"})]))
    assert "Доход не может быть меньше 0 руб." in link_errors(response)
    response = admin_client.post(url, edit_data(admin_client, page, [("bill", {**BILL_LINK, "total_kwh": ""})]))
    assert response.status_code == 302  # a value left empty: the visitor types it
    draft = QuestionPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.tool_link[0].block_type == "bill"
    data = edit_data(admin_client, page, [("bill", BILL_LINK), ("eligibility", SUBSIDY_LINK)])
    assert admin_client.post(url, data).status_code == 200  # one link at most


def test_the_demo_questions_and_procedure_link_their_tools(client, db):
    from django.core.management import call_command
    call_command("load_demo", verbosity=0)
    from cms_pages.models import ProcedurePage
    pages = [p for p in [*QuestionPage.objects.live(), *ProcedurePage.objects.live()] if p.tool_link]
    kinds = {p.tool_link[0].block_type for p in pages}
    assert kinds == {"bill", "connection_fee", "eligibility"}
    for page in pages:
        for lang in ("ru", "en"):
            with translation.override(lang):
                page_url = page.get_url()
            page_html = html_of(client, page_url)
            found = [(h, t) for h, t in links(page_html, "calculate=1")]
            assert found, (page.title, lang)
            tool = html_of(client, found[0][0])
            assert 'id="result-title"' in tool, (page.title, lang)
