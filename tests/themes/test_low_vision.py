"""The low-vision version: cookie parsing rules and the settings form, through the test client."""
import re

import pytest

from tests.factories import SectionPageFactory
from themes import low_vision


# ---- rules -------------------------------------------------------------------------------

def test_defaults_when_no_cookies():
    state = low_vision.from_cookies({})
    assert state.enabled is False
    assert state.css_classes == ""
    assert state.size == "150" and state.scheme == "bw"


def test_valid_cookies_are_read():
    state = low_vision.from_cookies({"lv": "1", "lv_size": "250", "lv_scheme": "blue", "lv_images": "off",
                                     "lv_letter": "wider", "lv_line": "wide", "lv_font": "serif"})
    assert state.enabled
    assert state.images_off
    assert state.css_classes.split() == ["lv", "lv-size-250", "lv-scheme-blue", "lv-images-off",
                                         "lv-letter-wider", "lv-line-wide", "lv-font-serif"]


@pytest.mark.parametrize("cookies", [
    {"lv": "1", "lv_size": "99999999"},
    {"lv": "1", "lv_size": "-5", "lv_scheme": "<script>", "lv_images": ""},
    {"lv": "1", "lv_scheme": "x" * 5000, "lv_font": "comic"},
])
def test_unknown_cookie_values_fall_back_to_defaults(cookies):
    state = low_vision.from_cookies(cookies)
    defaults = {s.name: s.default for s in low_vision.SETTINGS}
    assert state.values == defaults


def test_enabled_only_with_exact_value():
    assert not low_vision.from_cookies({"lv": "yes"}).enabled
    assert not low_vision.from_cookies({"lv": "0"}).enabled


def test_changes_from_params_drop_invalid_and_imply_on():
    switch, values = low_vision.changes_from_params({"size": "200", "scheme": "purple", "line": "wider"})
    assert switch == "on"
    assert values == {"size": "200", "line": "wider"}
    assert low_vision.changes_from_params({"lv": "maybe"}) == (None, {})
    assert low_vision.changes_from_params({"lv": "off", "size": "200"}) == ("off", {"size": "200"})


def test_font_size_reaches_at_least_200_percent():
    sizes = [int(v) for v in low_vision.SETTINGS_BY_NAME["size"].values]
    assert sizes[0] == 100 and max(sizes) >= 200


# ---- the form ------------------------------------------------------------------------------

@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home)


def test_switch_on_sets_cookie_and_redirects_back(client, section):
    response = client.get("/ru/accessibility-settings/set/", {"lv": "on", "next": section.url})
    assert response.status_code == 303
    assert response["Location"] == section.url
    assert response.cookies["lv"].value == "1"
    assert response.cookies["lv"]["httponly"]
    page = client.get(section.url).content.decode()
    assert re.search(r'<html lang="ru" class="lv lv-size-150 lv-scheme-bw', page)
    assert "Обычная версия сайта" in page
    assert 'aria-pressed="true"' in page


def test_setting_a_value_by_post_with_csrf(client, section):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    form_page = csrf_client.get("/ru/accessibility-settings/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.content.decode()).group(1)
    response = csrf_client.post("/ru/accessibility-settings/set/",
                                {"csrfmiddlewaretoken": token, "lv": "on", "size": "250",
                                 "scheme": "green", "next": section.url})
    assert response.status_code == 303
    assert response.cookies["lv_size"].value == "250"
    assert response.cookies["lv_scheme"].value == "green"
    # without the token the POST is refused
    assert csrf_client.post("/ru/accessibility-settings/set/", {"size": "200"}).status_code == 403


def test_switch_off_forgets_every_setting(client, section):
    client.cookies["lv"] = "1"
    client.cookies["lv_scheme"] = "wb"
    response = client.get("/ru/accessibility-settings/set/", {"lv": "off", "next": section.url})
    assert response.status_code == 303
    assert response.cookies["lv"].value == "" and response.cookies["lv"]["max-age"] == 0
    assert response.cookies["lv_scheme"]["max-age"] == 0
    page = client.get(section.url).content.decode()
    assert '<html lang="ru" class=' not in page
    assert "Версия для слабовидящих" in page


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_foreign_or_missing_next_goes_to_settings_page(client, db, next_url):
    response = client.get("/ru/accessibility-settings/set/", {"size": "200", "next": next_url})
    assert response.status_code == 303
    assert response["Location"] == "/ru/accessibility-settings/"


@pytest.mark.parametrize("params", [
    {"size": "1000000000000000000000"}, {"scheme": "neon", "images": "maybe"}, {}, {"lv": ["on", "off"]},
])
def test_bad_input_never_errors(client, db, params):
    response = client.get("/ru/accessibility-settings/set/", params)
    assert response.status_code == 303
    for cookie in ("lv_size", "lv_scheme", "lv_images"):
        # never stored: either untouched or (for a final "off") deleted
        assert cookie not in response.cookies or response.cookies[cookie].value == ""


def test_garbage_cookies_render_the_page(client, section):
    client.cookies["lv"] = "1"
    client.cookies["lv_size"] = "9" * 400
    client.cookies["lv_scheme"] = '"><script>'
    response = client.get(section.url)
    assert response.status_code == 200
    assert "lv-size-150 lv-scheme-bw" in response.content.decode()


def test_settings_page_in_english(client, db):
    response = client.get("/en/accessibility-settings/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en"' in body
    assert "Low vision version" in body
    assert "White text on black background" in body


def test_settings_page_reflects_current_settings(client, db):
    client.cookies["lv"] = "1"
    client.cookies["lv_font"] = "serif"
    body = client.get("/ru/accessibility-settings/").content.decode()
    assert re.search(r'id="lv-font-serif"[^>]*checked', body)
    assert not re.search(r'id="lv-font-sans"[^>]*checked', body)


# ---- the folded panel (lv_panel) --------------------------------------------------------------------

def test_panel_open_until_a_choice_then_folded():
    assert low_vision.from_cookies({"lv": "1"}).panel_open
    assert not low_vision.from_cookies({"lv": "1", "lv_size": "250"}).panel_open
    assert low_vision.from_cookies({"lv": "1", "lv_size": "250", "lv_panel": "open"}).panel_open
    assert not low_vision.from_cookies({"lv": "1", "lv_panel": "closed"}).panel_open
    assert not low_vision.from_cookies({"lv": "1", "lv_size": "250", "lv_panel": "<x>"}).panel_open


def test_a_choice_folds_the_panel_and_the_page_renders_it_folded(client, section):
    response = client.get("/ru/accessibility-settings/set/", {"lv": "on", "next": section.url})
    assert response.cookies["lv_panel"].value == "open"
    assert re.search(r'<details class="lv-panel__settings" open>', client.get(section.url).content.decode())
    response = client.get("/ru/accessibility-settings/set/", {"size": "250", "next": section.url})
    assert response.cookies["lv_panel"].value == "closed"
    page = client.get(section.url).content.decode()
    assert '<details class="lv-panel__settings">' in page
    assert page.index("lv-off") < page.index("lv-panel__summary") < page.index("lv-option--size-250")
    response = client.get("/ru/accessibility-settings/set/", {"panel": "open", "next": section.url})
    assert response.cookies["lv_panel"].value == "open"
    response = client.get("/ru/accessibility-settings/set/", {"lv": "off", "next": section.url})
    assert response.cookies["lv_panel"].value == ""
