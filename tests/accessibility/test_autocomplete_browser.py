"""The search box's suggestions in Chromium: a combobox that works by keyboard and passes axe,
in both languages and in the low-vision version."""
import pytest

from tests.accessibility.conftest import SCREENSHOT_DIR, lv_cookies
from tests.accessibility.site_builder import build_site, page_path

pytestmark = pytest.mark.browser

BOX = "#header-search-q"
LIST = "#header-search-q-suggestions"


def open_suggestions(page, text):
    page.focus(BOX)
    page.keyboard.type(text, delay=30)
    page.wait_for_selector(f"{LIST}:not([hidden]) [role=option]")
    return page.locator(f"{LIST} [role=option]")


def test_suggestions_by_keyboard_in_both_languages(live_server, browser, checker):
    from search import engine

    pages = build_site()
    engine.rebuild()
    context = checker.new_context(browser, bypass_csp=False)
    page = context.new_page()
    page.goto(live_server.url + "/ru/")

    options = open_suggestions(page, "тари")
    assert options.first.inner_text() == "Тарифы на электроэнергию"
    box = page.locator(BOX)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == LIST[1:]
    status = page.locator(".autocomplete [role=status]")
    assert status.inner_text().startswith(f"Подсказок: {options.count()}.")
    checker.axe(page, "ru suggestions open")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "suggestions-ru.png"))

    page.keyboard.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    assert box.get_attribute("aria-activedescendant") == first_id
    assert options.first.get_attribute("aria-selected") == "true"
    page.keyboard.press("Escape")
    assert page.locator(LIST).is_hidden() and box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None

    page.keyboard.press("ArrowDown")  # the list comes back with the same suggestions
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + page_path(pages["tariff"], "ru")

    page.goto(live_server.url + "/en/")
    options = open_suggestions(page, "electricity tar")
    assert options.first.inner_text() == "Electricity tariffs"
    assert page.locator(".autocomplete [role=status]").inner_text().startswith("Suggestions:")
    checker.axe(page, "en suggestions open")

    # Enter without choosing a suggestion still submits the search form
    page.fill(BOX, "тариф")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/en/search/?q=" in page.url
    context.close()
    checker.assert_clean()


def test_suggestions_in_the_low_vision_version(live_server, browser, checker):
    from search import engine

    build_site()
    engine.rebuild()
    for scheme in ("wb", "blue"):
        context = checker.new_context(browser)
        context.add_cookies(lv_cookies(live_server.url, scheme=scheme, size="200"))
        page = context.new_page()
        page.goto(live_server.url + "/ru/")
        open_suggestions(page, "тари")
        page.keyboard.press("ArrowDown")
        checker.axe(page, f"low vision {scheme} 200% suggestions open")
        page.screenshot(path=str(SCREENSHOT_DIR / f"suggestions-lv-{scheme}.png"))
        context.close()
    checker.assert_clean()
