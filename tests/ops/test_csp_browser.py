"""The Content-Security-Policy in a real browser: the public theme and the Wagtail admin work under it.

Chromium reports every blocked script, style, image or connection three ways, and all three are
collected: a `securitypolicyviolation` event (a listener injected before any page script runs
records it in `window.__cspViolations` and forwards it to Python, so nothing is lost when the
page navigates away), a console error, and — when a blocked script leaves the page half set
up — an uncaught page error. Every HTML response actually loaded must carry the policy:
the public one (no 'unsafe-inline', no 'unsafe-eval') everywhere, the admin's one (see
ops/middleware.py: 'unsafe-inline' for scripts and styles, still no 'unsafe-eval') only on
/admin/ pages for a signed-in user. The first test proves the detector itself reports a
violation, so an empty list means something.
"""
import datetime
import json

import pytest
from django.utils import timezone

from tests.accessibility.site_builder import build_site, page_path

pytestmark = pytest.mark.browser

PASSWORD = "csp-test-password-1"

RECORD_VIOLATIONS = """
(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = {directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI,
               source: e.sourceFile, line: e.lineNumber, page: location.href};
    window.__cspViolations.push(v);
    if (window.__cspReport) { window.__cspReport(v); }
  }, true);
})();
"""

# What a failing run most likely means, so the message says where to look.
HINTS = {
    "gravatar.com": "the admin loads avatars from Gravatar: set WAGTAIL_GRAVATAR_PROVIDER_URL = None",
    "releases.wagtail.org": "the admin dashboard checks for upgrades: set WAGTAIL_ENABLE_UPDATE_CHECK = False",
}


def parse_policy(header):
    policy = {}
    for part in (header or "").split(";"):
        words = part.split()
        if words:
            policy[words[0]] = set(words[1:])
    return policy


def public_policy():
    from csp.utils import build_policy

    return parse_policy(build_policy())


def admin_policy():
    from ops.middleware import admin_content_security_policy

    return parse_policy(admin_content_security_policy())


class Watcher:
    """Collects CSP violations, console errors, page errors and the policy of every HTML response."""

    def __init__(self, context, origin):
        self.origin = origin
        self.problems = []
        self.violations = []
        self.documents = []  # (url, status, Content-Security-Policy)
        context.expose_binding("__cspReport", self._violation)
        context.add_init_script(RECORD_VIOLATIONS)

    def _violation(self, source, violation):
        self.violations.append(violation)
        self.problems.append("CSP violation: " + json.dumps(violation, ensure_ascii=False))

    def watch(self, page):
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.problems.append(f"page error on {page.url}: {error}"))
        page.on("response", self._response)
        return page

    def _console(self, page, message):
        if message.type != "error":
            return
        where = message.location.get("url", "")
        # A page answered with an error status on purpose (a form with errors is a 400) is logged
        # as "Failed to load resource" for the page itself; the status is checked where it matters.
        if message.text.startswith("Failed to load resource") and where in {d[0] for d in self.documents}:
            return
        self.problems.append(f"console error on {page.url}: {message.text} ({where})")

    def _response(self, response):
        if response.request.resource_type == "document" and response.url.startswith(self.origin):
            self.documents.append((response.url, response.status,
                                   response.headers.get("content-security-policy")))

    def assert_clean(self):
        counted = {}
        for problem in self.problems:
            counted[problem] = counted.get(problem, 0) + 1
        text = "\n".join(p + (f" (×{n})" if n > 1 else "") for p, n in counted.items())
        hints = [hint for needle, hint in HINTS.items() if needle in text]
        assert not self.problems, (f"{len(self.problems)} problems under the Content-Security-Policy:\n"
                                   + text + ("\nLikely causes:\n" + "\n".join(hints) if hints else ""))


def assert_policy(documents, expected, label):
    assert documents, f"{label}: no HTML response was loaded"
    for url, status, header in documents:
        assert header, f"{label}: {url} ({status}) has no Content-Security-Policy header"
        assert "unsafe-eval" not in header, f"{label}: {url} allows eval: {header}"
        assert parse_policy(header) == expected, f"{label}: {url} has an unexpected policy:\n{header}"


def visit(page, origin, path):
    response = page.goto(origin + path, wait_until="load")
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"
    page.wait_for_load_state("networkidle")  # late image loads and fetches report their violations too
    return response


# --- the detector itself --------------------------------------------------------------------------

PROBE_ORIGIN = "http://csp-probe.localhost"
PROBE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title>
<script src="/probe.js"></script></head>
<body><p>probe</p>{injected}</body></html>"""
PROBE_JS = {
    "/probe.js": "window.__external = true;",
    "/eval.js": "try { eval('window.__evaluated = true'); } catch (e) { window.__evalError = String(e); }",
}


def serve_script(source):
    return lambda route: route.fulfill(status=200, body=source, headers={"Content-Type": "text/javascript"})


def probe(browser, injected, policy):
    """Serve a page with the given body under the given header (Playwright routing) and watch it."""
    context = browser.new_context()
    watcher = Watcher(context, PROBE_ORIGIN)
    html = PROBE_PAGE.format(injected=injected)
    context.route(PROBE_ORIGIN + "/", lambda route: route.fulfill(
        status=200, body=html, headers={"Content-Type": "text/html; charset=utf-8",
                                        "Content-Security-Policy": policy}))
    for path, source in PROBE_JS.items():
        context.route(PROBE_ORIGIN + path, serve_script(source))
    page = watcher.watch(context.new_page())
    page.goto(PROBE_ORIGIN + "/", wait_until="load")
    state = page.evaluate("""() => ({injected: window.__injected === true, external: window.__external === true,
                                     evaluated: window.__evaluated === true,
                                     recorded: window.__cspViolations.map(v => v.directive)})""")
    context.close()
    return watcher, state


def test_the_detector_reports_an_inline_script_under_the_production_policy(browser):
    from csp.utils import build_policy

    policy = build_policy()
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy

    # The same page without anything inline: nothing to report, and its own script file runs.
    clean, state = probe(browser, "", policy)
    assert clean.problems == [] and state["external"] is True and state["recorded"] == []
    clean.assert_clean()

    injected, state = probe(browser, "<script>window.__injected = true;</script>"
                                     '<p style="color: red">styled</p><script src="/eval.js"></script>', policy)
    assert state["injected"] is False, "the inline script ran despite the policy"
    assert state["evaluated"] is False, "eval ran despite the policy"
    assert {"script-src-elem", "style-src-attr", "script-src"} <= set(state["recorded"]), state
    # ... and each reached Python, through the event and as a console error.
    directives = {v["directive"] for v in injected.violations}
    assert {"script-src-elem", "style-src-attr", "script-src"} <= directives, injected.problems
    assert any(v["blocked"] == "eval" for v in injected.violations)
    assert any("console error" in p and "inline script" in p for p in injected.problems)
    with pytest.raises(AssertionError, match="problems under the Content-Security-Policy"):
        injected.assert_clean()

    # The admin's policy lets the inline script and style through but still refuses eval.
    from ops.middleware import admin_content_security_policy

    relaxed, state = probe(browser, "<script>window.__injected = true;</script>"
                                    '<p style="color: red">styled</p><script src="/eval.js"></script>',
                           admin_content_security_policy())
    assert state["injected"] is True and state["evaluated"] is False
    assert [(v["directive"], v["blocked"]) for v in relaxed.violations] == [("script-src", "eval")]


# --- the public theme -----------------------------------------------------------------------------

def test_public_theme_works_under_the_production_policy(live_server, browser):
    pages = build_site()
    origin = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watcher = Watcher(context, origin)
    page = watcher.watch(context.new_page())

    for path in ("/ru/", "/en/", page_path(pages["tariff"], "ru"), page_path(pages["tariff"], "en"),
                 "/ru/search/?q=%D1%82%D0%B0%D1%80%D0%B8%D1%84", "/ru/requests/new/"):
        visit(page, origin, path)
    assert page.locator("form button[type=submit]").count() >= 1

    # The theme's script runs: an error summary link moves focus to the field without a jump.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    link = page.locator(".error-summary a[href^='#']").first
    link.wait_for()
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.evaluate("() => location.hash") == "", "site.js did not handle the error summary link"
    assert page.evaluate("() => document.activeElement.id") == target

    # The low-vision version, switched on with its own button.
    visit(page, origin, "/ru/")
    with page.expect_navigation():
        page.locator(".lv-switch__button").click()
    page.wait_for_load_state("networkidle")
    assert "lv-scheme-" in page.evaluate("() => document.documentElement.className")
    for path in (page_path(pages["tariff"], "ru"), "/ru/requests/new/", "/ru/accessibility-settings/"):
        visit(page, origin, path)
        assert "lv-scheme-" in page.evaluate("() => document.documentElement.className")

    context.close()
    watcher.assert_clean()
    assert len(watcher.documents) >= 12
    assert_policy(watcher.documents, public_policy(), "public site")


# --- the Wagtail admin ----------------------------------------------------------------------------

def make_case():
    from cases.models import Case, Unit

    unit, _ = Unit.objects.get_or_create(code="csp-test", defaults={"name": "Отдел проверки"})
    return Case.objects.create(reference="CSP-0001", access_code="x1y2z3", request_type=Case._meta.get_field(
        "request_type").choices[0][0], unit=unit, due_date=timezone.localdate() + datetime.timedelta(days=10),
        applicant_name="Иванов Иван", email="ivan@example.invalid", message="Проверка")


def test_wagtail_admin_works_under_its_policy(live_server, browser, django_user_model):
    pages = build_site()
    case = make_case()
    django_user_model.objects.create_superuser("csp-admin", "csp-admin@example.invalid", PASSWORD)
    origin = live_server.url
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watcher = Watcher(context, origin)
    page = watcher.watch(context.new_page())

    # Signing in: the login page is open to anyone and keeps the strict public policy.
    visit(page, origin, "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    login_documents = [d for d in watcher.documents if "/admin/login/" in d[0] and d[1] == 200]
    assert_policy(login_documents, public_policy(), "admin login")
    assert page.url.rstrip("/").endswith("/admin"), page.url
    signed_in_from = len(watcher.documents)

    # Dashboard and page explorer (its filters carry date pickers set up by inline scripts).
    visit(page, origin, "/admin/")
    page.wait_for_function("""() => { const s = document.getElementById('wagtail-sidebar');
        return s && !s.classList.contains('sidebar-loading') && s.querySelector('a[href]'); }""")
    visit(page, origin, f"/admin/pages/{pages['home'].id}/")
    assert page.locator(f"a[href*='/admin/pages/{pages['section'].id}/']").count() > 0

    # The page editor: StreamField renders and a block can be added through its menu.
    visit(page, origin, f"/admin/pages/{pages['content'].id}/edit/")
    blocks = page.locator("[data-streamfield-child]")
    blocks.first.wait_for()
    before = blocks.count()
    assert before == 6, before
    page.locator("button.c-sf-add-button").first.click()
    option = page.locator("[role=option]:has(.icon-pilcrow)").first  # the paragraph block, in any language
    option.wait_for()
    option.click()
    page.wait_for_function(f"() => document.querySelectorAll('[data-streamfield-child]').length > {before}")

    # The tariff editor: an InlinePanel (the typical night shares; the prices are a grid) and a date
    # picker (the worked example's date), both started by inline scripts.
    visit(page, origin, f"/admin/pages/{pages['tariff'].id}/edit/")
    total = page.locator("#id_night_shares-TOTAL_FORMS")
    count = int(total.input_value())
    page.locator("#id_night_shares-ADD").click()
    page.wait_for_function(f"() => document.getElementById('id_night_shares-TOTAL_FORMS').value === '{count + 1}'")
    page.locator("#id_example_date").click()
    page.locator(".xdsoft_datetimepicker").filter(visible=True).first.wait_for()
    page.keyboard.press("Escape")
    # The admin's exception must stay necessary: once Wagtail writes no inline scripts, drop it.
    inline = page.evaluate("""() => Array.from(document.querySelectorAll('script:not([src])'))
        .filter(s => !s.type || /javascript|module/.test(s.type)).length""")
    assert inline > 0, "the editor has no inline scripts any more: remove 'unsafe-inline' from ADMIN_CSP_UPDATE"

    # Cases (the case queue ViewSet), one case, and a snippet listing and editor.
    visit(page, origin, "/admin/case_queue/")
    assert page.locator(f"a[href*='/admin/case_queue/edit/{case.pk}/']").count() > 0
    visit(page, origin, f"/admin/case_queue/edit/{case.pk}/")
    visit(page, origin, "/admin/snippets/cms_pages/legalact/")
    assert page.locator("table.listing tbody tr").count() >= 1
    visit(page, origin, "/admin/snippets/outages/outage/add/")
    page.locator("#id_locations-ADD").click()
    page.wait_for_function("() => document.getElementById('id_locations-TOTAL_FORMS').value === '2'")

    # A public page seen by a signed-in editor (with the Wagtail user bar) keeps the public policy.
    visit(page, origin, "/ru/")
    assert page.locator("wagtail-userbar, [data-wagtail-userbar]").count() > 0

    context.close()
    watcher.assert_clean()
    signed_in = watcher.documents[signed_in_from:]
    admin = [d for d in signed_in if d[0].startswith(origin + "/admin/")]
    public = [d for d in signed_in if not d[0].startswith(origin + "/admin/")]
    assert len(admin) >= 8 and public, [d[:2] for d in signed_in]
    assert_policy(admin, admin_policy(), "admin")
    assert_policy(public, public_policy(), "public page for an editor")
    expected = public_policy()
    expected["script-src"] = expected["script-src"] | {"'unsafe-inline'"}
    expected["style-src"] = expected["style-src"] | {"'unsafe-inline'"}
    assert admin_policy() == expected, "the admin policy may differ from the public one only by these two"


@pytest.mark.django_db
def test_only_signed_in_admin_pages_get_the_admin_policy(client, home, django_user_model):
    """The rule in ops/middleware.py without a browser: who gets which policy."""
    strict = public_policy()
    assert "'unsafe-inline'" not in str(strict) and "'unsafe-eval'" not in str(strict)
    assert parse_policy(client.get("/admin/login/")["Content-Security-Policy"]) == strict
    assert parse_policy(client.get("/admin/password_reset/")["Content-Security-Policy"]) == strict
    assert parse_policy(client.get("/admin/")["Content-Security-Policy"]) == strict  # redirect to login
    client.force_login(django_user_model.objects.create_superuser("csp", "csp@example.invalid", PASSWORD))
    assert parse_policy(client.get("/admin/")["Content-Security-Policy"]) == admin_policy()
    assert parse_policy(client.get("/ru/")["Content-Security-Policy"]) == strict
    assert parse_policy(client.get("/administrator/")["Content-Security-Policy"]) == strict
