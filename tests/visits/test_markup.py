"""The booking pages in both languages: valid HTML (the Nu checker, as in tests/accessibility)
and no axe violations in Chromium, on the normal pages and on a form with errors."""
import re

import pytest
from django.urls import reverse

from tests.visits.conftest import MONDAY
from tests.visits.helpers import book, time_url, token_of


def visit_paths(client, centre):
    """(label, path, method, data, expected status) for every public booking page."""
    token = token_of(book(client, centre, MONDAY, time="11:00"))
    cancelled = token_of(book(client, centre, MONDAY, time="12:00", name="Отменённая"))
    client.post(reverse("visits:cancel", args=[cancelled]))
    paths = []
    for lang in ("ru", "en"):
        def url(name, *args):
            return reverse(f"visits:{name}", args=args).replace("/ru/", f"/{lang}/", 1)
        paths += [
            (f"{lang}-start", url("start", centre.pk), "get", None, 200),
            (f"{lang}-start-error", url("time", centre.pk) + "?service=0&day=2026-12-05", "get", None, 400),
            (f"{lang}-time", time_url(centre, MONDAY, lang=lang), "get", None, 200),
            (f"{lang}-time-error", time_url(centre, MONDAY, lang=lang), "post", {"slot": "forged", "phone": "1"}, 400),
            (f"{lang}-manage-new", url("manage", token) + "?new=1", "get", None, 200),
            (f"{lang}-cancel", url("cancel", token), "get", None, 200),
            (f"{lang}-move-day", url("move", token), "get", None, 200),
            (f"{lang}-move-time", url("move", token) + f"?day={MONDAY}", "get", None, 200),
            (f"{lang}-refused", url("cancel", cancelled), "get", None, 410),
            (f"{lang}-not-found", url("manage", "no-such-token"), "get", None, 404),
        ]
    return paths


@pytest.mark.django_db
def test_booking_pages_are_valid_html_in_both_languages(client, centre, visit_settings, tmp_path):
    from tests.accessibility.test_html_validity import BROKEN, nu_errors
    files = {}
    for label, path, method, data, expected in visit_paths(client, centre):
        response = getattr(client, method)(path, data) if data else getattr(client, method)(path)
        assert response.status_code == expected, (label, response.status_code)
        (tmp_path / f"{label}.html").write_bytes(response.content)
        files[f"{label}.html"] = label
    (tmp_path / "zz_broken.html").write_text(BROKEN, encoding="utf-8")
    errors = nu_errors([*(tmp_path / name for name in files), tmp_path / "zz_broken.html"])
    assert any(e["url"].endswith("zz_broken.html") for e in errors)  # the checker works
    problems = [f"{e['url'].rsplit('/', 1)[-1]} line {e.get('lastLine')}: {e['message']}"
                for e in errors if not e["url"].endswith("zz_broken.html")]
    assert not problems, "\n".join(problems[:30])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_booking_pages_pass_axe_and_book_without_javascript(live_server, browser, centre, visit_settings):
    from django.test import Client
    from tests.accessibility.conftest import AXE_PATH, Checker
    checker = Checker(AXE_PATH.read_text(encoding="utf-8"))
    context = checker.new_context(browser, java_script_enabled=True)
    page = context.new_page()
    pages = [(label, path) for label, path, method, _data, _status in visit_paths(Client(), centre) if method == "get"]
    for label, path in pages:
        page.goto(live_server.url + path)
        checker.axe(page, label)
    assert len(pages) == 18 and checker.runs == 18 and checker.problems == [], "\n".join(checker.problems)
    context.close()

    # The whole journey with JavaScript off: plain GET and POST forms.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse("visits:start", args=[centre.pk]))
    page.get_by_label("Технологическое присоединение").check()
    page.locator(f'input[name="day"][value="{MONDAY}"]').check()
    page.get_by_role("button", name="Выбрать время").click()
    page.locator(f'input[name="slot"][value="{MONDAY}T14:00"]').check()
    page.get_by_label("Как к вам обращаться").fill("Анна Петрова")
    page.get_by_label("Электронная почта").fill("anna@example.invalid")
    page.get_by_label("Приду с сопровождающим").check()
    page.get_by_label(re.compile("Я согласен")).check()
    page.get_by_role("button", name="Записаться").click()
    assert page.get_by_role("heading", name="Вы записаны на приём").is_visible()
    assert "14:00" in page.content()
    context.close()
