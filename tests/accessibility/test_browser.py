"""Every page type in a real browser: axe (WCAG 2.2 AA + best practice), reflow, keyboard, no JS."""
import os
import re

import pytest

from tests.accessibility.conftest import SCREENSHOT_DIR, lv_cookies
from tests.accessibility.site_builder import build_site, feedback_comment_path, page_path

pytestmark = pytest.mark.browser

SCHEMES = ["bw", "wb", "blue", "brown", "green"]
LANGUAGES = ["ru", "en"]


def site_paths(pages):
    """Every page type in both languages, plus the theme's and feedback's own pages."""
    paths = []
    for language in LANGUAGES:
        for name, page in pages.items():
            if name.startswith("_"):
                continue
            paths.append((f"{language}:{name}", page_path(page, language)))
        paths.append((f"{language}:lv-settings", f"/{language}/accessibility-settings/"))
        paths.append((f"{language}:feedback-comment", feedback_comment_path(pages["content"], language)))
        # other helpers' pages that extend the theme: search results and the contact form's first step
        paths.append((f"{language}:search", f"/{language}/search/?q=%D1%82%D0%B0%D1%80%D0%B8%D1%84"))
        paths.append((f"{language}:request-form", f"/{language}/requests/new/"))
        paths.append((f"{language}:callback-form", f"/{language}/requests/callback/"))
        # the calculators and the outage pages are views that extend the theme
        paths.append((f"{language}:calculators", f"/{language}/calculators/"))
        # submitted empty: the error summary and inline errors are checked too
        paths.append((f"{language}:fee-calculator", f"/{language}/calculators/connection-fee/?calculate=1"))
        paths.append((f"{language}:bill-calculator", f"/{language}/calculators/bill/"))
        paths.append((f"{language}:eligibility", f"/{language}/calculators/benefits/"))
        paths.append((f"{language}:outages", f"/{language}/outages/"))
        paths.append((f"{language}:outage-check", f"/{language}/outages/check/?settlement=%D0%9A%D0%BE%D1%82%D0%BB%D0%B0%D1%81&street=%D0%9B%D0%B5%D0%BD%D0%B8%D0%BD%D0%B0&house=5"))
        paths.append((f"{language}:outage", f"/{language}/outages/{pages['_outage'].pk}/"))
        paths.append((f"{language}:outage-subscribe", f"/{language}/outages/subscribe/"))
    return paths


def visit(page, base, path):
    response = page.goto(base + path, wait_until="load")
    expected = 400 if "calculate=1" in path else 200  # a form submitted empty answers 400 with its errors
    assert response is not None and response.status == expected, f"{path}: {response and response.status}"


def check_all(checker, page, base, paths, state):
    for label, path in paths:
        visit(page, base, path)
        checker.axe(page, f"{state} {label}")
        page.set_viewport_size({"width": 320, "height": 800})
        checker.no_horizontal_scroll(page, f"{state} 320px {label}")
        page.set_viewport_size({"width": 1280, "height": 900})


def screenshots(page, base, pages, suffix):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("home", "tariff", "procedure"):
        visit(page, base, page_path(pages[name], "ru"))
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-{suffix}.png"), full_page=True)


def test_normal_theme_every_page_both_languages(live_server, browser, checker):
    pages = build_site()
    paths = site_paths(pages)
    context = checker.new_context(browser)
    page = context.new_page()
    check_all(checker, page, live_server.url, paths, "normal")
    screenshots(page, live_server.url, pages, "normal")
    context.close()
    # axe again on a phone-sized screen (tables scroll in their own region there)
    phone = checker.new_context(browser, viewport={"width": 320, "height": 640})
    page = phone.new_page()
    ru = [p for p in paths if p[0].startswith("ru:")]
    for label, path in ru:
        visit(page, live_server.url, path)
        checker.axe(page, f"normal 320px {label}")
    phone.close()
    assert checker.runs == len(paths) + len(ru)
    checker.assert_clean()


def low_vision_matrix(paths):
    """(settings, paths) pairs. Every scheme at the largest size on every Russian page type; English on
    every page type in white-on-black; the smallest size too. A11Y_FULL=1: every scheme in both languages."""
    full = os.environ.get("A11Y_FULL") == "1"
    largest = dict(size="250", images="off", letter="wider", line="wider", font="serif")
    ru = [p for p in paths if p[0].startswith("ru:")]
    en = [p for p in paths if p[0].startswith("en:")]
    matrix = []
    for scheme in SCHEMES:
        chosen = paths if full or scheme == "wb" else ru
        matrix.append((dict(largest, scheme=scheme), chosen))
    matrix.append((dict(scheme="bw", size="100", images="grey", letter="normal", line="normal", font="sans"),
                   paths if full else ru))
    return matrix


def test_low_vision_every_scheme_and_size_extremes(live_server, browser, checker):
    pages = build_site()
    paths = site_paths(pages)
    matrix = low_vision_matrix(paths)
    for settings, chosen in matrix:
        context = checker.new_context(browser)
        context.add_cookies(lv_cookies(live_server.url, **settings))
        page = context.new_page()
        state = f"lv {settings['scheme']} {settings['size']}%"
        check_all(checker, page, live_server.url, chosen, state)
        classes = page.evaluate("() => document.documentElement.className")
        assert f"lv-scheme-{settings['scheme']}" in classes and f"lv-size-{settings['size']}" in classes
        if settings["scheme"] == "wb":
            screenshots(page, live_server.url, pages, "low-vision-wb")
        context.close()
    assert checker.runs == sum(len(chosen) for _settings, chosen in matrix)
    checker.assert_clean()


def focused(page):
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, text: (e.innerText || e.value || '').trim(), id: e.id, cls: e.className,
                name: e.getAttribute('name'), pressed: e.getAttribute('aria-pressed')}; }""")


def press_and_wait(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)


def test_keyboard_journey(live_server, browser, checker):
    """Tab order: skip link, low-vision switch, search, main navigation; the panel works by keyboard."""
    pages = build_site()
    context = checker.new_context(browser)
    page = context.new_page()
    tariff = page_path(pages["tariff"], "ru")
    visit(page, live_server.url, tariff)
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(focused(page))
    assert "skip-link" in order[0]["cls"]
    assert order[1]["text"] == "Версия для слабовидящих"
    search_at = next(i for i, f in enumerate(order) if f["id"] == "header-search-q")
    nav_at = next(i for i, f in enumerate(order) if "main-nav__link" in f["cls"])
    assert 1 < search_at < nav_at <= 8
    # the skip link moves focus to main
    visit(page, live_server.url, tariff)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # switch on the low-vision version with the keyboard, back on the same page
    visit(page, live_server.url, tariff)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    press_and_wait(page, "Enter")
    assert page.url.endswith(tariff)
    assert "lv-scheme-bw" in page.evaluate("() => document.documentElement.className")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Обычная версия сайта"
    # Tab to the "white on black" button and press it with Space
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page)["name"] == "scheme" and "lv-option--scheme-wb" in focused(page)["cls"]:
            break
    else:
        pytest.fail("scheme button not reachable by Tab")
    assert focused(page)["pressed"] == "false"
    press_and_wait(page, "Space")
    assert "lv-scheme-wb" in page.evaluate("() => document.documentElement.className")
    assert page.locator(".lv-option--scheme-wb").get_attribute("aria-pressed") == "true"
    checker.axe(page, "keyboard lv wb")
    # focus is visible: the focused button has an outline of at least 2px
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline >= 2
    # back to the normal version with one control
    page.locator("button.lv-off").focus()
    press_and_wait(page, "Enter")
    assert page.url.endswith(tariff)
    assert "lv" not in page.evaluate("() => document.documentElement.className")
    context.close()
    checker.assert_clean()


def test_without_javascript(live_server, browser, checker):
    """Reading tariffs, searching, switching the low-vision mode and answering feedback, JS off."""
    pages = build_site()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    tariff = page_path(pages["tariff"], "ru")
    visit(page, live_server.url, tariff)
    assert "6,59" in page.content() or "6.59" in page.content()
    page.click("text=Версия для слабовидящих")
    assert page.url.endswith(tariff)
    page.click("button.lv-option--size-250")
    assert "lv-size-250" in (page.get_attribute("html", "class") or "")
    # after the first choice the settings fold behind one control, which opens without JavaScript
    assert page.get_attribute("details.lv-panel__settings", "open") is None
    page.click("summary.lv-panel__summary")
    page.click("button.lv-option--scheme-green")
    assert page.get_attribute("button.lv-option--scheme-green", "aria-pressed") == "true"
    page.click("button.lv-off")
    assert page.get_attribute("html", "class") is None
    page.fill("#header-search-q", "тариф")
    page.click(".header-search__button")
    assert "/ru/search/?q=" in page.url
    content = page_path(pages["content"], "ru")
    visit(page, live_server.url, content)
    page.click(".page-feedback button[value='no']")
    assert "/ru/feedback/" in page.url
    page.fill("#id_comment", "Не хватает примера расчёта")
    page.click("main button[type=submit]")
    assert "Спасибо за отзыв" in page.content()
    from feedback.models import PageFeedback
    item = PageFeedback.objects.get()
    assert item.useful is False and item.comment == "Не хватает примера расчёта"
    context.close()


def test_error_summary_takes_focus_and_links_to_fields(live_server, browser, checker):
    pages = build_site()
    for javascript in (True, False):
        context = checker.new_context(browser, java_script_enabled=javascript)
        page = context.new_page()
        visit(page, live_server.url, feedback_comment_path(pages["content"], "ru"))
        page.evaluate("() => document.getElementById('id_comment').removeAttribute('maxlength')") if javascript \
            else None
        if not javascript:
            # without JS the maxlength attribute cannot be removed: post the long text with the form's own request
            page.route("**/feedback/**", lambda route: route.continue_(
                post_data=re.sub(r"comment=[^&]*", "comment=" + "a" * 1300, route.request.post_data or ""))
                if route.request.method == "POST" else route.continue_())
        page.fill("#id_comment", "a" * 1300 if javascript else "a")
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert page.title().startswith("Ошибка: ")
        assert page.evaluate("() => document.activeElement.className") == "error-summary"
        if javascript:
            checker.axe(page, "error state")
        page.click(".error-summary a[href='#id_comment']")
        assert page.evaluate("() => document.activeElement.id") == "id_comment"
        assert len(page.input_value("#id_comment")) == 1300  # nothing typed is lost
        context.close()
    checker.assert_clean()


def test_checker_catches_a_broken_template(live_server, browser, checker):
    """The same pipeline fails when the served HTML has an image without alt and an unlabelled field."""
    pages = build_site()
    context = checker.new_context(browser)
    page = context.new_page()
    path = page_path(pages["content"], "ru")

    def broken(route):
        response = route.fetch()
        html = response.text().replace("<main id=\"main\" tabindex=\"-1\">",
                                       "<main id=\"main\" tabindex=\"-1\"><img src=\"/static/missing.png\">"
                                       "<input type=\"text\" name=\"x\">", 1)
        route.fulfill(response=response, body=html)

    page.route(live_server.url + path, broken)
    visit(page, live_server.url, path)
    ids = {v["id"] for v in checker.axe(page, "broken")}
    assert {"image-alt", "label"} <= ids
    context.close()


def test_images_off_shows_alt_text_and_hides_images(live_server, browser, checker):
    build_site()
    context = checker.new_context(browser)
    context.add_cookies(lv_cookies(live_server.url, images="off"))
    page = context.new_page()
    visit(page, live_server.url, "/ru/")
    page.set_content(page.content().replace("</main>", '<img id="probe" src="/static/x.png" alt="Схема"></main>'))
    page.add_style_tag(url=live_server.url + "/static/css/site.css")
    assert page.evaluate("() => getComputedStyle(document.getElementById('probe')).display") == "none"
    context.close()
