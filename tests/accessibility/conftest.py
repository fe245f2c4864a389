"""Real-browser checks: Debian's Chromium driven by Playwright, axe-core from npm injected per page."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOT_DIR = ROOT / "var" / "screenshots"


@pytest.fixture(scope="session")
def axe_source():
    return AXE_PATH.read_text(encoding="utf-8")


class Checker:
    """Runs axe on the current page and collects readable violation lines."""

    def __init__(self, axe_source):
        self.axe_source = axe_source
        self.problems = []
        self.runs = 0

    def new_context(self, browser, **options):
        """A browser context with axe preloaded into every page (sent to Chromium once)."""
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("bypass_csp", True)
        context = browser.new_context(**options)
        context.add_init_script(self.axe_source)
        return context

    def axe(self, page, label):
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_source)
        result = page.evaluate(
            """async (tags) => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                   resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, help: v.help,
                    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
                    count: v.nodes.length}));
            }""",
            AXE_TAGS,
        )
        self.runs += 1
        for v in result:
            self.problems.append(f"{label}: {v['id']} ×{v['count']} ({v['help']}) {v['targets']}")
        return result

    def no_horizontal_scroll(self, page, label):
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            culprit = page.evaluate("""() => {
                const w = window.innerWidth; const out = [];
                for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    if (r.right > w + 1 && out.length < 3) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
                }
                return out; }""")
            self.problems.append(f"{label}: horizontal scroll {widths[0]} > {widths[1]} {culprit}")

    def assert_clean(self):
        assert not self.problems, f"{len(self.problems)} problems in {self.runs} axe runs:\n" + "\n".join(self.problems)


@pytest.fixture
def checker(axe_source):
    return Checker(axe_source)


def lv_cookies(base_url, **settings):
    """Cookies for the low-vision version, exactly as docs/low-vision.md documents them."""
    cookies = [{"name": "lv", "value": "1", "url": base_url}]
    cookies += [{"name": f"lv_{k}", "value": v, "url": base_url} for k, v in settings.items()]
    return cookies
