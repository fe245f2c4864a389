"""The low-vision version as a reader at the largest size uses it, in Chromium, for every scheme.

At 320 px (a phone, or 1280 px at 400 % zoom) and 1280 px, with the largest text (250 %) and the widest
spacing: the page's heading starts within 1.5 screens (the settings panel folds after the first choice),
nothing covers the control back to the standard version (the skip link included, when focused), no word in
the tariff table, the forms or the headings is broken inside the word, the colours that carry meaning have
at least 7:1, and axe (WCAG 2.2 AA + best practice) passes on the request form's contact step with its errors
and on the tariff page whose periods have tables for the same group (landmark-unique). One browser context per
scheme, reused for both widths.
"""
import datetime
from decimal import Decimal

import pytest

from tests.accessibility.conftest import SCREENSHOT_DIR, lv_cookies
from tests.accessibility.site_builder import ensure_tree_root, page_path

pytestmark = pytest.mark.browser

SCHEMES = ["bw", "wb", "blue", "brown", "green"]
LARGEST = dict(size="250", images="off", letter="wider", line="wider", font="serif")
SCREENS = [(320, 640), (1280, 900)]
TODAY = datetime.date.today()

# A word: letters and digits, with the dots, commas and colons inside numbers and dates ("01.07.2026", "6,59").
SPLIT_WORDS_JS = r"""(selector) => {
    const word = /[\p{L}\p{N}\u00B7]+(?:[.,:][\p{L}\p{N}]+)*/gu;
    const split = [];
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const parent = node.parentElement;
            // text the reader cannot see: hidden, inside a folded <details>, or the off-screen honeypot field
            if (!parent || !parent.checkVisibility() || parent.closest('.visually-hidden, script, style, template')) continue;
            let match;
            word.lastIndex = 0;
            while ((match = word.exec(node.data))) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0 && r.height > 0 && r.right > 0)
                                      .map(r => Math.round(r.bottom)));
                if (lines.size > 1) split.push(match[0] + ' in <' + parent.tagName.toLowerCase() + '>');
            }
        }
    }
    return split;
}"""

COVERED_JS = """(selector) => {
    const el = document.querySelector(selector);
    el.scrollIntoView({block: 'center'});
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && (hit === el || el.contains(hit)) ? null : (hit ? hit.outerHTML.slice(0, 120) : 'nothing');
}"""

HEADING_TOP_JS = """() => {
    // the page's heading, or the error summary that GOV.UK puts above it when a form has errors
    const h1 = document.querySelector('main h1, main .error-summary');
    return [h1.getBoundingClientRect().top + window.scrollY, window.innerHeight];
}"""

# colour of the first matching element against the page background, computed by the browser
CONTRAST_JS = """([selector, property]) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const fg = lum(rgb(getComputedStyle(el)[property]));
    const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}"""

CHECKED_TEXT = "main table, main form, h1, h2, h3, h4, .lv-panel"


def build_site():
    """The pages these checks read: home, a section, a tariff page with today's and next period's tables."""
    from tests import factories as f

    ensure_tree_root()
    home = f.make_site()
    section = f.SectionPageFactory(parent=home, title="Потребителям", title_en="Customers",
                                   slug="potrebitelyam", slug_en="customers", show_in_menus=True)
    tariff = f.TariffPageFactory(parent=section, title="Тарифы на электроэнергию", title_en="Electricity tariffs",
                                 summary="Цены для населения.", summary_en="Prices for households.")
    act = f.LegalActFactory(number="81-э/5", is_demo=True)
    common = dict(page=tariff, legal_act=act, effective_from=TODAY.replace(month=1, day=1), effective_to=None)
    f.TariffRecordFactory(**common, price=Decimal("6.59"))
    f.TariffRecordFactory(**common, rate_type="two_zone", zone="day", hours="07:00–23:00", price=Decimal("7.10"))
    f.TariffRecordFactory(**common, rate_type="two_zone", zone="night", hours="23:00–07:00", price=Decimal("3.40"))
    f.TariffRecordFactory(**common, consumer_group="urban_electric_rural", band=1, band_limit_kwh=3900,
                          price=Decimal("4.61"))
    add_next_period(tariff)
    return {"home": home, "section": section, "tariff": tariff}


def add_next_period(tariff):
    """Today's and next period's tables for the same groups: the case that gave regions the same name."""
    from tests import factories as f

    start = datetime.date(TODAY.year + 1, 1, 1)
    for record in list(tariff.tariffs.filter(effective_to__isnull=True)):
        record.effective_to = start - datetime.timedelta(days=1)
        record.save()
        f.TariffRecordFactory(page=tariff, legal_act=record.legal_act, consumer_group=record.consumer_group,
                              rate_type=record.rate_type, zone=record.zone, hours=record.hours, band=record.band,
                              band_limit_kwh=record.band_limit_kwh, price=record.price + Decimal("0.40"),
                              effective_from=start, effective_to=None)


def contact_step_with_errors(page, base):
    """The request form up to its contact step, submitted empty: the error summary and inline errors."""
    page.goto(base + "/ru/requests/new/")
    page.locator("input[name=request_type]").first.check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("#id_message").fill("Прошу проверить начисление за электроэнергию по лицевому счёту.")
    for field in page.locator("main form input[type=text]:visible").all():
        if not field.input_value():
            field.fill("12345")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "/contact/" in page.url, page.url
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1


def check_screen(checker, page, label, width, height):
    problems = checker.problems
    top, screen = page.evaluate(HEADING_TOP_JS)
    if top > 1.5 * screen:
        problems.append(f"{label}: the main heading starts at {top:.0f} px, {top / screen:.1f} screens down")
    covered = page.evaluate(COVERED_JS, "button.lv-off")
    if covered:
        problems.append(f"{label}: «Обычная версия сайта» is covered by {covered}")
    split = page.evaluate(SPLIT_WORDS_JS, CHECKED_TEXT)
    if split:
        problems.append(f"{label}: words broken inside: {split[:8]}")
    checker.no_horizontal_scroll(page, label)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_largest_size_every_scheme(live_server, browser, checker, scheme):
    from django.core.cache import cache

    cache.clear()  # the request form's per-address submission limit would refuse the next scheme's run
    pages = build_site()
    base = live_server.url
    tariff = page_path(pages["tariff"], "ru")
    context = checker.new_context(browser)
    # the reader has made their choices, so the panel is folded (as after the first choice)
    context.add_cookies(lv_cookies(base, scheme=scheme, panel="closed", **LARGEST))
    page = context.new_page()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        label = f"{scheme} 250% {width}px"
        page.goto(base + tariff)
        assert page.locator("details.lv-panel__settings").get_attribute("open") is None
        check_screen(checker, page, f"{label} tariffs", width, height)
        page.screenshot(path=str(SCREENSHOT_DIR / f"lv-{scheme}-250-{width}-tariffs.png"))
        # the skip link, focused, does not hang over the first control
        page.evaluate("() => window.scrollTo(0, 0)")
        page.keyboard.press("Tab")
        assert "skip-link" in page.evaluate("() => document.activeElement.className")
        covered = page.evaluate(COVERED_JS, "button.lv-off")
        if covered:
            checker.problems.append(f"{label}: with the skip link focused, «Обычная версия сайта» is covered by {covered}")
        # the folded settings are the next Tab stop after the control back
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.className") == "lv-panel__summary"
        page.keyboard.press("Enter")
        assert page.locator("details.lv-panel__settings").get_attribute("open") is not None
        page.screenshot(path=str(SCREENSHOT_DIR / f"lv-{scheme}-250-{width}-panel-open.png"))
        checker.no_horizontal_scroll(page, f"{label} panel open")
        if width == 1280:
            checker.axe(page, f"{label} tariffs")
        contact_step_with_errors(page, base)
        check_screen(checker, page, f"{label} contact form with errors", width, height)
        for selector, prop in ((".error-message", "color"), (".error-summary__list a", "color"),
                               (".error-summary", "borderTopColor"), (".form-group--error", "borderLeftColor")):
            ratio = page.evaluate(CONTRAST_JS, [selector, prop])
            if ratio is None or ratio < 7:
                checker.problems.append(f"{label}: {selector} {prop} contrast {ratio}")
        checker.axe(page, f"{label} contact form with errors")
        page.screenshot(path=str(SCREENSHOT_DIR / f"lv-{scheme}-250-{width}-contact-errors.png"), full_page=width == 320)
    context.close()
    checker.assert_clean()


def test_tariff_regions_unique_both_languages(live_server, browser, checker):
    """Today's and the next period's tables for one group: every region says which period it shows."""
    pages = build_site()
    context = checker.new_context(browser)
    page = context.new_page()
    for language in ("ru", "en"):
        page.goto(live_server.url + page_path(pages["tariff"], language))
        names = page.evaluate("() => [...document.querySelectorAll('[role=region]')].map(e => e.getAttribute('aria-label'))")
        assert len(names) >= 2 and len(set(names)) == len(names), names
        expected = f"{TODAY.year + 1}" if language else ""
        assert any(expected in name for name in names), names
        checker.axe(page, f"normal {language} tariffs")
    context.close()
    checker.assert_clean()
