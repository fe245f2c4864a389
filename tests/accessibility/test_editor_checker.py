"""Wagtail's accessibility checker, as an editor opens it on a draft, lists what publishing would refuse."""
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms_pages import content_checks
from editorial import checker as publishing_checker
from tests.accessibility.site_builder import ensure_tree_root

pytestmark = pytest.mark.browser

PASSWORD = "checker-test-2026"
BROKEN_BODY = [
    {"type": "heading", "value": {"text": "Кому это нужно", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Подробности <a href=\"/ru/\">здесь</a>.</p>"},
    {"type": "heading", "value": {"text": "Сроки", "level": "h4"}},
    {"type": "table", "value": {"caption": "Сроки рассмотрения", "table": {
        "columns": [{"type": "text", "heading": ""}, {"type": "number", "heading": ""}],
        "rows": [{"values": ["Жалоба", "30"]}]}}},
]


def draft_with_problems():
    from django.apps import apps

    from cms_pages.blocks import BodyBlock
    from editorial import roles
    from tests import factories as f

    ensure_tree_root()
    roles.ensure_groups(apps)  # the live server flushed the groups the migrations made
    home = f.make_site()
    page = f.ContentPageFactory(parent=home, live=False, body=json.dumps(BROKEN_BODY[:1]))
    page.body_ru = BodyBlock().to_python(BROKEN_BODY)
    page.save_revision()
    editor = get_user_model().objects.create_user("editor", "editor@example.invalid", PASSWORD)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    from wagtail.users.models import UserProfile

    # A Russian editor: the admin (and its checker) in Russian whatever the previous request was.
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ru"
    profile.save()
    return page


def test_checker_lists_what_publishing_refuses(live_server, browser, checker):
    page = draft_with_problems()
    refused = content_checks.object_problems(page.get_latest_revision_as_object())
    kinds = sorted(problem.kind for problems in refused.values() for problem in problems)
    assert {"heading-order", "link-text", "table-header"} <= set(kinds)  # the publishing check refuses these
    expected = sorted(str(publishing_checker.RULES[kind][0]) for kind in kinds)

    context = checker.new_context(browser)
    tab = context.new_page()
    tab.goto(live_server.url + reverse("wagtailadmin_login"))
    tab.fill("#id_username", "editor")
    tab.fill("#id_password", PASSWORD)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_load_state()
    tab.goto(live_server.url + reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    tab.locator("#wagtail-userbar-trigger").click()
    tab.locator("#checker-trigger").click()
    rows = tab.locator("[data-content-checker-row] [data-content-checker-name]")
    rows.first.wait_for(timeout=15000)
    names = sorted(rows.all_inner_texts())
    ours = sorted(name for name in names if name in {str(n) for n, _h in publishing_checker.RULES.values()})
    assert ours == expected, (names, expected)
    context.close()
