"""The calculators in Chromium: without JavaScript the GET form reloads with the result; with it
the result is swapped in place, the address bar gets the shareable URL and the total is announced."""
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
pytestmark = [pytest.mark.browser]


@pytest.fixture
def home(transactional_db):
    """live_server tests flush the database, the Locale and the tree root included: rebuild them."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    from tests.factories import make_site

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", url_path="/"))
    return make_site()


def squash(text):
    return re.sub(r"\s+", " ", text or "").strip()


def fill_bill(page):
    page.check("#id_consumer_group_0")
    page.check("#id_mode_2")
    page.fill("#id_peak_kwh", "100")
    page.fill("#id_half_peak_kwh", "200")
    page.fill("#id_night3_kwh", "100")
    page.fill("#id_date", "01.03.2026")


def test_with_javascript_the_result_updates_in_place(browser, live_server, transactional_db, tariff_page):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/calculators/bill/")
    page.evaluate("window.__sameDocument = true")
    fill_bill(page)
    page.click("form.calculator__form button[type=submit]")
    page.wait_for_selector("#calculator-result [data-total]")
    expect(page.locator("[data-calculator-status]")).to_contain_text(re.compile(r"2\s450,00"))
    assert page.evaluate("window.__sameDocument") is True  # no reload
    assert "calculate=1" in page.url and "peak_kwh=100" in page.url
    assert "2 450,00" in squash(page.text_content("[data-calculator-status]"))  # two-zone is the cheapest
    assert page.locator(".calculator__print").count() == 1
    # an error: the summary appears above the h1 and takes focus; what was typed stays
    page.fill("#id_peak_kwh", "сто")
    page.click("form.calculator__form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.title().startswith("Ошибка: ")
    assert page.input_value("#id_peak_kwh") == "сто"
    context.close()


def test_without_javascript_the_form_submits_and_the_url_can_be_shared(browser, live_server, transactional_db,
                                                                       tariff_page):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/calculators/bill/")
    fill_bill(page)
    with page.expect_navigation():
        page.click("form.calculator__form button[type=submit]")
    assert "2 450,00" in squash(page.text_content("#calculator-result [data-total]"))
    shared = page.url
    other = context.new_page()
    other.goto(shared)
    assert squash(other.text_content("#calculator-result [data-total]")) == squash(
        page.text_content("#calculator-result [data-total]"))
    context.close()


def test_english_page_with_javascript(browser, live_server, transactional_db, fee_page):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/en/calculators/connection-fee/")
    page.check("#id_category_0")
    page.fill("#id_kw", "15")
    page.check("#id_area_0")
    page.fill("#id_distance_m", "300")
    page.fill("#id_date", "01.03.2026")
    page.click("form.calculator__form button[type=submit]")
    expect(page.locator("[data-calculator-status]")).to_contain_text("75,000.00 RUB incl. VAT")
    context.close()
