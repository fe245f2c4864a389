"""The stage timeline on the status page in Debian's Chromium: reached and read without
JavaScript; axe (WCAG 2.2 AA + best practice) clean in the normal theme and in a low-vision
scheme at 200 %; no horizontal scroll at 320 px."""
import pytest

from tests.accessibility.conftest import Checker, axe_source, lv_cookies  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def checker(axe_source):  # noqa: F811
    return Checker(axe_source)


def application_at_stage_three(connection_case):
    from connection_applications.models import ConnectionApplication, ConnectionStage
    from connection_applications.services import move

    case = connection_case(language="ru")
    application = ConnectionApplication.objects.get(case=case)
    for order in (2, 3):
        move(application.pk, ConnectionStage.objects.get(order=order).pk, None, comment="Договор подписан")
    return case


def open_status(page, base_url, case, lang="ru"):
    response = page.goto(f"{base_url}/{lang}/requests/status/", wait_until="load")
    assert response.status == 200
    page.fill("input[name=reference]", case.reference)
    page.fill("input[name=access_code]", case.access_code)
    with page.expect_navigation():
        page.get_by_role("button", name="Показать статус").click()


def test_timeline_without_javascript_and_axe_clean(live_server, browser, checker, connection_case):
    case = application_at_stage_three(connection_case)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_status(page, live_server.url, case)
    steps = page.locator("ol.step-by-step > li")
    assert steps.count() == 6
    current = page.locator('ol.step-by-step > li[aria-current="step"]')
    assert current.count() == 1 and "Договор заключён" in current.inner_text()
    assert "Договор подписан" in current.inner_text()
    context.close()

    states = [("normal", None), ("lv wb 200%", dict(scheme="wb", size="200"))]
    for state, settings in states:
        context = checker.new_context(browser)
        if settings:
            context.add_cookies(lv_cookies(live_server.url, **settings))
        page = context.new_page()
        open_status(page, live_server.url, case)
        assert page.locator('li[aria-current="step"]').count() == 1
        checker.axe(page, state)
        page.set_viewport_size({"width": 320, "height": 800})
        checker.no_horizontal_scroll(page, f"{state} 320px")
        context.close()
    checker.assert_clean()
