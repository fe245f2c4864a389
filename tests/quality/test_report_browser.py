"""The report page in Debian's Chromium: axe (WCAG 2.2 AA + best practice) in the normal theme and
every low-vision scheme, one page load each; the charts drawn in the scheme's text colour; 320 px
without horizontal scroll; the period form without JavaScript."""
import pytest

from tests.accessibility.conftest import Checker, axe_source, lv_cookies  # noqa: F401 (fixture)
from tests.quality.conftest import build_known_cases

pytestmark = pytest.mark.browser

SCHEMES = ["bw", "wb", "blue", "brown", "green"]
PATH = "/ru/service-quality/?period=2026-q3"


@pytest.fixture
def checker(axe_source):  # noqa: F811
    return Checker(axe_source)


def chart_colours(page):
    return page.evaluate("""() => {
        const bar = document.querySelector('.quality-chart__bar--current');
        const text = document.querySelector('.quality-chart__text');
        return {bar: getComputedStyle(bar).fill, text: getComputedStyle(text).fill,
                page: getComputedStyle(document.body).color}; }""")


def test_report_axe_normal_and_every_low_vision_scheme(live_server, browser, checker):
    from tests.factories import make_site

    build_known_cases(make_site())
    states = [("normal", None)] + [(f"lv {s}", dict(scheme=s, size="200")) for s in SCHEMES]
    for state, settings in states:
        context = checker.new_context(browser)
        if settings:
            context.add_cookies(lv_cookies(live_server.url, **settings))
        page = context.new_page()
        response = page.goto(live_server.url + PATH, wait_until="load")
        assert response.status == 200
        assert page.locator("svg.quality-chart__svg").count() == 2
        checker.axe(page, state)
        colours = chart_colours(page)
        assert colours["bar"] == colours["text"] == colours["page"], f"{state}: {colours}"
        page.set_viewport_size({"width": 320, "height": 800})
        checker.no_horizontal_scroll(page, f"{state} 320px")
        context.close()
    assert checker.runs == len(states)
    checker.assert_clean()


def test_report_period_form_without_javascript(live_server, browser):
    from tests.factories import make_site

    build_known_cases(make_site())
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + PATH, wait_until="load")
    assert "3 квартал 2026 года" in page.locator("h1").inner_text()
    page.select_option("select[name=period]", "2026-q2")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "2 квартал 2026 года" in page.locator("h1").inner_text()
    assert page.locator("#table-forms tr[data-key=web] td").first.inner_text() == "8"
    context.close()
