import os
from pathlib import Path

import pytest
from django.utils import translation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium per test process: two sync Playwright instances cannot share a thread."""
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run bin/install --with-browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def russian_by_default():
    """A request to /en/ leaves English active in the test thread; start every test in Russian."""
    translation.activate("ru")
    yield
    translation.activate("ru")


@pytest.fixture
def home(db):
    from tests.factories import make_site
    return make_site()


def pytest_terminal_summary(terminalreporter):
    """Figures that tests record with record_property("figure", ...) (throughput and the like),
    shown at the end of the run; user properties travel back from xdist workers with the report."""
    figures = [value for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
               if report.when == "call" for name, value in report.user_properties if name == "figure"]
    if figures:
        terminalreporter.section("measured figures")
        for figure in figures:
            terminalreporter.write_line(figure)
