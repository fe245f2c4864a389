"""Issue 13, "one home for each fact": the demo never types the hotline's number.

Procedure steps and summaries, the accessibility statement and the home page's top task say
``[[figure:hotline]]``; the number people read comes from the «Контакты» setting when the page is
rendered (and indexed), so an editor who changes the setting changes every page at once.

The demo is loaded once for the module inside a transaction rolled back at the end (as in
``test_load_demo``); a test that changes the setting does so in a savepoint of its own.
"""
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page, Site

from cms_pages import models as m
from cms_pages.models.contacts import tel_target

NEW_NUMBER = "8 (800) 111-22-33"
LANGUAGES = ("ru", "en")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            translation.activate("ru")
            call_command("load_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


def setting():
    return m.ContactSettings.for_site(Site.objects.get(is_default_site=True))


def spelled(number):
    """A pattern for the number's digits in any spelling: «8-800-220-0-220», «8 (800) 220 0 220», «88002200220»."""
    digits = re.sub(r"\D", "", number)
    return re.compile(r"[\s\-().]*".join(digits))


def stored_values(page):
    """Every stored value of the page, both languages' columns, StreamFields as their JSON, and the
    content of its latest revision (what an editor opens)."""
    for field in type(page)._meta.concrete_fields:
        yield field.name, field.value_to_string(page)
    revision = page.latest_revision
    if revision is not None:
        yield "latest revision", str(revision.content)


def test_the_pattern_finds_the_spellings_people_type():
    pattern = spelled("8-800-220-0-220")
    for typed in ("8-800-220-0-220", "8 (800) 220-0-220", "88002200220", "8 800 220 0 220"):
        assert pattern.search(f"звоните {typed}."), typed
    assert not pattern.search("8 (8182) 00-10-10") and not pattern.search("[[figure:hotline]]")


@pytest.mark.django_db
def test_no_demo_page_types_the_hotline_number(demo):
    number = setting().hotline_number
    pattern = spelled(number)
    pages = list(Page.objects.all().specific())
    assert len(pages) > 50
    typed = [(page.url_path, name) for page in pages for name, value in stored_values(page)
             if pattern.search(value or "")]
    assert typed == []
    # the demo does say it, through the figure
    with_figure = {page.slug for page in pages
                   if any("[[figure:hotline]]" in (value or "") for _name, value in stored_values(page))}
    assert {"soobshchit-ob-otklyuchenii", "zhaloba-na-kachestvo", "vyezd-na-dom", "dostupnost", "home"} <= with_figure


def _get(client, page, lang):
    with translation.override(lang):
        url = page.get_url()
    response = client.get(url)
    translation.activate("ru")
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def shown(client, lang):
    """The texts where the demo names the hotline, as rendered: the outage procedure's summary and
    step, the accessibility statement's body, the home page's top task (the footer's number aside)."""
    outage = m.ProcedurePage.objects.get(slug_ru="soobshchit-ob-otklyuchenii")
    accessibility = m.ContentPage.objects.get(slug_ru="dostupnost")
    home = m.HomePage.objects.get()
    procedure = _get(client, outage, lang)
    return {
        "procedure summary": procedure.select_one("main .lead").get_text(),
        "procedure steps": procedure.select_one("main .step-by-step").get_text(),
        "accessibility body": _get(client, accessibility, lang).select_one("main .prose").get_text(),
        "home top tasks": _get(client, home, lang).select_one("main .top-tasks").get_text(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pages_show_the_settings_number(demo, client, lang):
    number = setting().hotline_number
    for where, text in shown(client, lang).items():
        assert number in text, where
        assert "[[figure:" not in text, where


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_changing_the_setting_changes_the_number_on_the_pages(demo, client, lang):
    old = setting().hotline_number
    with transaction.atomic():
        contact = setting()
        contact.hotline_number = NEW_NUMBER
        contact.save()
        texts = shown(client, lang)
        outage = m.ProcedurePage.objects.get(slug_ru="soobshchit-ob-otklyuchenii")
        whole = str(_get(client, outage, lang))
        transaction.set_rollback(True)
    for where, text in texts.items():
        assert NEW_NUMBER in text, where
        assert not spelled(old).search(text), where
    assert not spelled(old).search(whole) and f'href="tel:{tel_target(NEW_NUMBER)}"' in whole
    assert setting().hotline_number == old  # the savepoint was rolled back


@pytest.mark.django_db
@pytest.mark.parametrize("lang, query", [("ru", "8-800-220-0-220"), ("ru", "телефон горячей линии"),
                                         ("en", "8-800-220-0-220")])
def test_search_finds_the_pages_by_the_number_they_show(demo, client, lang, query):
    assert setting().hotline_number == "8-800-220-0-220"
    html = client.get(f"/{lang}/search/", {"q": query}).content.decode()
    translation.activate("ru")
    soup = BeautifulSoup(html, "html.parser")
    outage = m.ProcedurePage.objects.get(slug_ru="soobshchit-ob-otklyuchenii")
    with translation.override(lang):
        url = outage.get_url()
    links = [a["href"] for a in soup.select("main a[href]")]
    assert url in links, links
    assert "[[figure:" not in html
