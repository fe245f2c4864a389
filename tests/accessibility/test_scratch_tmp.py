import time
import pytest
from tests.accessibility.conftest import lv_cookies
from tests.accessibility.site_builder import build_site, page_path
pytestmark = pytest.mark.browser
def test_timing(live_server, browser, checker):
    pages = build_site()
    for cookies in ([], lv_cookies(live_server.url, size="250", scheme="wb")):
        context = checker.new_context(browser)
        context.add_cookies(cookies) if cookies else None
        page = context.new_page()
        for name in ["home","content","tariff","procedure", "connection_fee"]:
            t=time.time(); page.goto(live_server.url+page_path(pages[name],"ru")); t1=time.time()
            checker.axe(page, name); t2=time.time()
            page.set_viewport_size({"width": 320, "height": 800}); checker.no_horizontal_scroll(page, name); page.set_viewport_size({"width": 1280, "height": 900}); t3=time.time()
            print(name, bool(cookies), "goto %.2f axe %.2f reflow %.2f" % (t1-t, t2-t1, t3-t2))
    print(checker.problems, checker.runs)
