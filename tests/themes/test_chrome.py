"""The site chrome every page shares: landmarks, skip link, search, contacts, theme files."""
import re

from django.test import override_settings

from tests.factories import SectionPageFactory


def test_page_skeleton(client, home):
    section = SectionPageFactory(parent=home, show_in_menus=True)
    body = client.get(section.url).content.decode()
    assert body.index('class="skip-link" href="#main"') < body.index("<header")
    assert body.index("<header") < body.index('class="lv-switch"') < body.index('role="search"') < body.index("<nav class=\"main-nav\"")
    assert '<main id="main"' in body and "<footer" in body
    assert body.count("<h1") == 1
    assert 'aria-label="Вы здесь"' in body
    assert re.search(r'<form class="header-search" role="search" method="get" action="/ru/search/">', body)
    assert '<label class="visually-hidden" for="header-search-q">Поиск по сайту</label>' in body
    assert "8-800-220-0-220" in body
    assert 'aria-current="page"' in body


def test_no_inline_styles_or_scripts(client, home):
    section = SectionPageFactory(parent=home)
    for url in ["/ru/", section.url, "/en/", "/ru/accessibility-settings/"]:
        body = client.get(url).content.decode()
        assert " style=" not in body
        assert "<style" not in body
        for script in re.findall(r"<script[^>]*>", body):
            assert "src=" in script
        assert not re.search(r" on[a-z]+=", body)


def test_no_external_hosts(client, home):
    body = client.get("/ru/").content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', body):
        assert not url.startswith(("http://", "https://", "//")) or "testserver" in url, url


def test_home_page_has_no_feedback_question(client, home):
    assert "Полезна ли эта страница?" not in client.get("/ru/").content.decode()


def test_content_page_has_feedback_question(client, home):
    section = SectionPageFactory(parent=home)
    assert "Полезна ли эта страница?" in client.get(section.url).content.decode()


@override_settings(THEME="civic")
def test_second_theme_static_prefix(client, home):
    body = client.get("/ru/").content.decode()
    assert 'href="/static/civic/css/site.css"' in body


def test_english_chrome(client, home):
    body = client.get("/en/").content.decode()
    assert "Skip to main content" in body
    assert "Low vision version" in body
    assert "Search this site" in body
