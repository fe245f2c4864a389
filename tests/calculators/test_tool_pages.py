"""The calculators as Wagtail pages: found in their section, the sitemap and search, in both languages."""
import re
from urllib.parse import urlencode

import pytest
from django.utils import translation

from cms_pages.models import BillToolPage, ConnectionFeeToolPage, EligibilityToolPage
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db

FEE = {"calculate": "1", "category": "household", "kw": "15", "voltage": "0.4", "area": "town",
       "distance_m": "300", "line": "overhead", "metering_points": "1", "date": "01.03.2026"}


def add_tool(model, parent, title, title_en, slug, slug_en, **fields):
    page = model(title=title, title_en=title_en, slug=slug, slug_en=slug_en, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def tools(home, fee_page, tariff_page, subsidy_page):
    sections = {
        "connection": SectionPageFactory(parent=home, title="Подключение", title_en="Connection",
                                         slug="podklyuchenie", slug_en="connection"),
        "tariffs": SectionPageFactory(parent=home, title="Тарифы", title_en="Tariffs", slug="tarify-r", slug_en="tariffs-s"),
        "benefits": SectionPageFactory(parent=home, title="Льготы", title_en="Benefits", slug="lgoty", slug_en="benefits"),
    }
    return {
        "connection_fee": add_tool(
            ConnectionFeeToolPage, sections["connection"], "Калькулятор платы за подключение",
            "Grid connection fee calculator", "kalkulyator-platy", "connection-fee-calculator",
            summary="Рассчитайте плату за технологическое присоединение.",
            summary_en="Work out the grid connection fee.",
            intro="<p>Укажите мощность и расстояние до сетей.</p>", intro_en="<p>Give the power and the distance.</p>"),
        "bill": add_tool(
            BillToolPage, sections["tariffs"], "Калькулятор счёта за электроэнергию", "Electricity bill calculator",
            "kalkulyator-scheta", "bill-calculator", summary="Выгоден ли двухзонный тариф.",
            summary_en="Does a two-zone tariff pay off?"),
        "eligibility": add_tool(
            EligibilityToolPage, sections["benefits"], "Проверить право на субсидию и льготы",
            "Check your right to a subsidy or benefit", "proverit-pravo", "check-eligibility",
            summary="Проверьте, положена ли вам субсидия на оплату ЖКУ.",
            summary_en="Check whether you can get the housing subsidy."),
        "sections": sections,
    }


def url(page, lang):
    with translation.override(lang):
        return page.get_url()


def test_each_tool_page_serves_its_form_with_the_editors_intro_and_breadcrumbs(client, tools):
    for kind, field in (("connection_fee", 'name="kw"'), ("bill", 'name="consumer_group"'),
                        ("eligibility", 'name="family_size"')):
        page = tools[kind]
        for lang in ("ru", "en"):
            response = client.get(url(page, lang))
            html = response.content.decode()
            assert response.status_code == 200, (kind, lang)
            assert field in html and '<form method="get"' in html
            assert f"<h1" in html and str(getattr(page, f"title_{lang}")) in html
            assert 'class="breadcrumbs"' in html and str(getattr(page.get_parent().specific, f"title_{lang}")) in html
    translation.activate("ru")
    html = client.get(url(tools["connection_fee"], "ru")).content.decode()
    assert "Укажите мощность и расстояние до сетей." in html
    html = client.get(url(tools["connection_fee"], "en")).content.decode()
    assert "Give the power and the distance." in html


def test_the_tool_page_calculates_without_javascript(client, tools):
    page_url = url(tools["connection_fee"], "ru")
    response = client.get(page_url + "?" + urlencode(FEE))
    body = re.sub(r"\s+", " ", response.content.decode())
    assert response.status_code == 200
    assert "75 000,00 ₽ с НДС" in body
    assert f'action="{page_url}"' in body


@pytest.mark.parametrize("old, kind", [("connection-fee", "connection_fee"), ("bill", "bill"),
                                       ("benefits", "eligibility")])
def test_old_calculator_urls_redirect_to_the_page_with_the_query_kept(client, tools, old, kind):
    for lang in ("ru", "en"):
        response = client.get(f"/{lang}/calculators/{old}/?kw=15&distance_m=120")
        assert response.status_code == 302
        assert response["Location"] == url(tools[kind], lang) + "?kw=15&distance_m=120"
    translation.activate("ru")
    index = client.get("/ru/calculators/").content.decode()
    assert f'href="{url(tools[kind], "ru")}"' in index


def test_the_sitemap_lists_each_tool_page_in_both_languages(client, tools):
    xml = client.get("/sitemap.xml").content.decode()
    for kind in ("connection_fee", "bill", "eligibility"):
        for lang in ("ru", "en"):
            assert f"<loc>http://testserver{url(tools[kind], lang)}</loc>" in xml, (kind, lang)
    assert "/en/connection/connection-fee-calculator/" in xml


def test_the_section_menu_links_its_tool(client, tools):
    for kind, section in (("connection_fee", "connection"), ("bill", "tariffs"), ("eligibility", "benefits")):
        for lang in ("ru", "en"):
            html = client.get(url(tools["sections"][section], lang)).content.decode()
            assert f'href="{url(tools[kind], lang)}"' in html, (kind, lang)


@pytest.mark.parametrize("query, kind", [
    ("калькулятор платы за подключение", "connection_fee"),
    ("субсидия проверить", "eligibility"),
    ("калькулятор счёта за электроэнергию", "bill"),
])
def test_search_finds_the_tool_page(client, tools, query, kind):
    from search import engine
    engine.rebuild()
    html = client.get("/ru/search/", {"q": query}).content.decode()
    assert f'href="{url(tools[kind], "ru")}' in html


def test_search_finds_the_tool_page_in_english(client, tools):
    from search import engine
    engine.rebuild()
    html = client.get("/en/search/", {"q": "connection fee calculator"}).content.decode()
    assert f'href="{url(tools["connection_fee"], "en")}' in html


def test_search_answers_link_the_tool_page(tools):
    from cms_pages.search_answers.tools import tool
    from search import answers
    answers.clear()
    assert tool("connection_fee", {"kw": "15"}).url == url(tools["connection_fee"], "ru") + "?kw=15"


def test_editors_can_add_a_tool_page_in_a_section(admin_client, tools):
    section = tools["sections"]["connection"]
    response = admin_client.get(f"/admin/pages/add/cms_pages/billtoolpage/{section.pk}/")
    assert response.status_code == 200
    assert 'name="intro_en"' in response.content.decode()


def test_a_tool_pages_revision_shows_the_tool_to_editors(admin_client, tools):
    page = tools["bill"]
    revision = page.get_latest_revision()
    response = admin_client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    assert 'name="consumer_group"' in response.content.decode()
