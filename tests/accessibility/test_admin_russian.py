"""The admin in Russian, page by page, for each role that uses it (issue 15).

The demo is loaded once for the module (``load_demo``, inside a transaction rolled back at the end).
Then each demo account of a role (editor, moderator, case officer), whose admin language is Russian,
walks the admin from its dashboard: every admin link the pages show is followed (GET only, nothing
that unpublishes, deletes, locks or logs out), one page per kind (URL name; for pages also the page
type), plus the pages no link leads to (search with a query, the admin's 404) and the forms sent
empty (what a validation error says). The login page is read logged out.

Every piece of visible or spoken text (``tests.accessibility.admin_text``) that looks like English
and is not in ``admin_english_exceptions.txt`` (each line with its reason) fails the test, with the
URL where it was seen.
"""
import io
import os
import re
from collections import deque
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from tests.accessibility.admin_text import english_fragments, visible_texts

EXCEPTIONS_FILE = Path(__file__).with_name("admin_english_exceptions.txt")
ROLES = ["editor", "moderator", "caseofficer"]
MAX_PAGES_PER_ROLE = int(os.environ.get("ADMIN_CRAWL_MAX", "400"))
HREF = re.compile(r"""<a\b[^>]*?\bhref=["']([^"'#]+)""", re.I)
MENU_URL = re.compile(r'"url": "(/admin/[^"]*)"')  # the sidebar menu is drawn from JSON
# GET links that change something or leave the HTML admin.
NOT_FOLLOWED = re.compile(
    r"/logout/|/delete/|/unpublish/|/lock/|/unlock/|/revert/|/jsi18n/|/sprite|/serve/|/download/"
    r"|[?&]export=|/preview/|/view_draft/|/attachment/|/documents/\d+/|/workflow/action/|/convert_alias/"
    r"|/copy_for_translation/|/privacy/"
)


# Views each role's walk must reach (so a broken link or permission cannot shrink the test silently).
EDITING = {"wagtailadmin_home", "wagtailadmin_explore", "wagtailadmin_pages:edit", "wagtailadmin_pages:add",
           "wagtailadmin_pages:add_subpage", "wagtailadmin_pages:search", "wagtailadmin_pages:history",
           "wagtailadmin_pages:revisions_view", "wagtailimages:index", "wagtailimages:edit", "wagtaildocs:index",
           "wagtailsnippets_cms_pages_legalact:list", "wagtailsnippets_cms_pages_legalact:edit",
           "wagtailsnippets_cms_pages_alertbanner:add", "wagtailadmin_account", "wagtailadmin_reports:workflow",
           "wagtailadmin_reports:workflow_tasks", "wagtailadmin_reports:aging_pages"}
REQUIRED_VIEWS = {
    "editor": EDITING,
    "moderator": EDITING | {"wagtailadmin_reports:locked_pages"},
    "caseofficer": {"wagtailadmin_home", "wagtailadmin_account", "case_queue:index", "case_queue:edit",
                    "case_queue:register", "case_outbox:index", "case_outbox:inspect"},
}


def load_exceptions():
    """``text`` (exact) or ``re:pattern`` (whole text), then `` # reason``; the reason is required."""
    exact, patterns = set(), []
    for number, line in enumerate(EXCEPTIONS_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, sep, reason = line.partition("  # ")
        assert sep and reason.strip(), f"{EXCEPTIONS_FILE.name}:{number}: every exception needs '  # reason'"
        text = text.strip()
        if text.startswith("re:"):
            patterns.append(re.compile(text[3:]))
        else:
            exact.add(text)
    return exact, patterns


def is_exception(text, exceptions):
    exact, patterns = exceptions
    return text in exact or any(pattern.fullmatch(text) for pattern in patterns)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("admin-demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            translation.activate("ru")
            call_command("load_demo", "--skip-index", stdout=io.StringIO())
            from django.contrib.auth import get_user_model
            from wagtail.users.models import UserProfile

            for user in get_user_model().objects.filter(username__in=ROLES):
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = "ru"
                profile.save()
            register_cases()
            yield
            transaction.set_rollback(True)


def register_cases():
    """The demo's cases belong to a third-party unit: give the demo officer's units two of their own."""
    from django.utils import timezone

    from cases import services

    consent = {"at": timezone.now(), "version": "2026-01", "source": "test"}
    for request_type in ("supply_quality", "meter"):
        services.register_case(request_type=request_type, consent=consent, answers={
            "applicant_name": "Сидоров Иван", "email": "ivan@example.ru", "site_address": "ул. Мира, 1",
            "message": "Свет мигает по вечерам третью неделю."})


def required_message():
    """Django's "This field is required." in Russian, as the merged catalogues give it."""
    from django import forms

    with translation.override("ru"):
        return str(forms.Field.default_error_messages["required"])


def russian_client():
    return Client(HTTP_ACCEPT_LANGUAGE="ru", raise_request_exception=False)


def page_kind(path):
    """One page per kind: the URL name, the page type for page views, the query's keys."""
    split = urlsplit(path)
    try:
        match = resolve(split.path)
    except Resolver404:
        return None
    kind = [match.view_name]
    if match.view_name in ("wagtailadmin_pages:add",):
        kind.append(f"{match.kwargs.get('content_type_app_name')}.{match.kwargs.get('content_type_model_name')}")
    elif match.view_name.startswith("wagtailadmin_pages:") or match.view_name == "wagtailadmin_explore":
        page_id = match.kwargs.get("page_id") or (match.args[0] if match.args else None)
        if page_id is not None:
            from wagtail.models import Page

            page = Page.objects.filter(pk=page_id).select_related("content_type").first()
            kind.append(page.content_type.model if page else "?")
    kind.append(",".join(sorted({key for key, _value in parse_qsl(split.query)} - {"next"})))
    return tuple(kind)


class Crawl:
    def __init__(self, client, exceptions):
        self.client = client
        self.exceptions = exceptions
        self.seen_kinds = set()
        self.shown_kinds = set()  # kinds of the pages that answered 200
        self.visited = []
        self.found = {}  # text -> first URL
        self.errors = []
        self.refused_forms = []  # forms sent empty that came back with Russian field errors

    def check(self, url, response):
        for text in english_fragments(visible_texts(response.content.decode())):
            if not is_exception(text, self.exceptions):
                self.found.setdefault(text, url)

    def get(self, url, follow_links=True):
        response = self.client.get(url)
        if response.status_code in (301, 302, 303):
            return []
        self.visited.append(url)
        if response.status_code == 200:
            self.shown_kinds.add(page_kind(url))
        if response.status_code >= 500:
            self.errors.append(f"{url}: {response.status_code}")
        if "text/html" not in response.get("Content-Type", ""):
            return []
        self.check(url, response)
        if not follow_links:
            return []
        html = response.content.decode()
        return [urljoin(url, href.replace("&amp;", "&")) for href in HREF.findall(html) + MENU_URL.findall(html)]

    def post_empty(self, url):
        """Send the form as the page renders it (nothing filled in): what do the errors say?"""
        form = self.client.get(url)
        data = rendered_form_data(form.content.decode(), url)
        if data is None:
            return
        response = self.client.post(url, data)
        if response.status_code >= 500:
            self.errors.append(f"POST {url}: {response.status_code}")
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            self.visited.append(f"POST {url}")
            self.check(f"POST {url}", response)
            if required_message() in response.content.decode():
                self.refused_forms.append(url)

    def walk(self, seeds):
        queue = deque(seeds)
        forms = []
        while queue and len(self.visited) < MAX_PAGES_PER_ROLE:
            url = queue.popleft()
            split = urlsplit(url)
            if split.netloc not in ("", "testserver") or not split.path.startswith("/admin/"):
                continue
            if NOT_FOLLOWED.search(url):
                continue
            kind = page_kind(url)
            if kind is None or kind in self.seen_kinds:
                continue
            self.seen_kinds.add(kind)
            path = split.path + (f"?{split.query}" if split.query else "")
            queue.extend(self.get(path))
            name = kind[0]
            if name.endswith((":add", ":register", "change_password")):
                forms.append(path)
        for path in forms:
            self.post_empty(path)


def rendered_form_data(html, url):
    """The fields of the page's main POST form as rendered, with empty StreamFields (JavaScript draws them)."""
    from bs4 import BeautifulSoup
    from wagtail.fields import StreamField
    from wagtail.test.utils.form_data import querydict_from_html

    forms = BeautifulSoup(html, "html.parser").find_all("form")
    index = next((i for i, form in enumerate(forms) if (form.get("method") or "").lower() == "post"
                  and "logout" not in (form.get("action") or "")), None)
    if index is None:
        return None
    data = querydict_from_html(html, form_index=index).dict()
    match = resolve(urlsplit(url).path)
    if match.view_name == "wagtailadmin_pages:add":
        from django.apps import apps

        model = apps.get_model(match.kwargs["content_type_app_name"], match.kwargs["content_type_model_name"])
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                data.setdefault(f"{field.name}-count", "0")
    return data


def seeds():
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=(home.pk,)),
        reverse("wagtailadmin_pages:add_subpage", args=(home.pk,)),
        reverse("wagtailadmin_pages:search") + "?q=тариф",
        reverse("wagtailadmin_pages:search") + "?q=zzzz",
        "/admin/images/?q=центр",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/reports/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/workflows/tasks/index/",
        reverse("wagtailadmin_account"),
        "/admin/case_queue/",
        "/admin/case_outbox/",
    ]


def crawl_role(username, exceptions):
    from django.contrib.auth import get_user_model

    client = russian_client()
    client.force_login(get_user_model().objects.get(username=username),
                       backend="django.contrib.auth.backends.ModelBackend")
    crawl = Crawl(client, exceptions)
    crawl.walk(seeds() + edit_page_of_every_type())
    crawl.get("/admin/no-such-admin-page/", follow_links=False)
    return crawl


def edit_page_of_every_type():
    from wagtail.models import Page

    first = {}
    for page in Page.objects.filter(depth__gt=1).order_by("path"):
        first.setdefault(page.content_type_id, page.pk)
    return [reverse("wagtailadmin_pages:edit", args=(pk,)) for pk in first.values()]


def report(crawl):
    lines = [f"{text!r}  (at {url})" for text, url in sorted(crawl.found.items(), key=lambda item: item[1])]
    return f"{len(crawl.found)} English UI strings on {len(crawl.visited)} admin pages:\n" + "\n".join(lines)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES)
def test_admin_pages_of_each_role_are_russian(demo, username, record_property):
    crawl = crawl_role(username, load_exceptions())
    record_property("figure", f"admin in Russian, {username}: {len(crawl.visited)} pages, "
                              f"{len(crawl.found)} English strings")
    # The walk really went through what the role uses.
    views = {kind[0] for kind in crawl.shown_kinds if kind}
    assert REQUIRED_VIEWS[username] <= views, sorted(REQUIRED_VIEWS[username] - views)
    if username != "caseofficer":
        from wagtail.models import Page

        edited = {kind[1] for kind in crawl.shown_kinds if kind and kind[0] == "wagtailadmin_pages:edit"}
        assert edited >= {page.content_type.model for page in Page.objects.filter(depth__gt=1)}
        assert crawl.refused_forms, "no form was sent empty and refused with field errors"
    assert not crawl.found and not crawl.errors, report(crawl) + "\n" + "\n".join(crawl.errors)


@pytest.mark.django_db
def test_login_page_logged_out_is_russian(demo):
    crawl = Crawl(russian_client(), load_exceptions())
    url = reverse("wagtailadmin_login")
    crawl.get(url, follow_links=False)
    response = crawl.client.post(url, {"username": "editor", "password": "wrong"})
    crawl.check(f"POST {url}", response)
    crawl.get(reverse("wagtailadmin_password_reset"), follow_links=False)
    assert not crawl.found, report(crawl)


WAGTAIL_TEMPLATES = Path(__import__("wagtail.admin").admin.__file__).parent / "templates"
OUR_TEMPLATES = Path(__file__).resolve().parents[2] / "editorial" / "templates"
# Our copies of Wagtail's templates differ only by these strings marked for translation.
TEMPLATE_OVERRIDES = {
    "wagtailadmin/home.html": [('value="Search"', 'value="{% trans "Search" %}"')],
    "wagtailadmin/shared/header.html": [('value="Search"', 'value="{% trans "Search" %}"')],
    "wagtailadmin/shared/headers/_actions.html": [('aria-label="Actions"', 'aria-label="{% trans "Actions" %}"'),
                                                  ("{# Actions divider #}", "{% load i18n %}{# Actions divider #}")],
}


@pytest.mark.parametrize("name", TEMPLATE_OVERRIDES)
def test_overridden_wagtail_templates_follow_wagtails_own(name):
    """If a Wagtail upgrade changes one of these templates, copy it again and mark its English."""
    original = (WAGTAIL_TEMPLATES / name).read_text(encoding="utf-8")
    for english, marked in TEMPLATE_OVERRIDES[name]:
        assert english in original, f"{name}: Wagtail's template changed ({english!r} gone): copy it again"
        original = original.replace(english, marked)
    ours = (OUR_TEMPLATES / name).read_text(encoding="utf-8")
    assert ours.rstrip("\n").rsplit("\n", 1)[0] + "\n" == original, f"editorial/templates/{name} differs from Wagtail's"


def test_english_heuristic_flags_what_issue_15_saw():
    """The detector itself: it must catch the strings the issue reported and leave Russian alone."""
    html = ('<label>Password</label><p>1-3 of 3 None</p><nav aria-label="Actions"></nav>'
            '<input type="submit" value="Search"><span>Root</span><p>View / edit fields for RU EN</p>'
            '<p>Страница «Тарифы» сохранена.</p><p>Файл PDF, 2 МБ</p><script>var x = "Not text";</script>'
            '<textarea>Editor\'s own English text</textarea><div hidden>None</div>'
            '<p>Коды: <code>single</code>, <code>two_zone</code></p><kbd>Ctrl + Shift + v</kbd>'
            '<div data-w-block-arguments-value="[{&quot;value&quot;: {&quot;title&quot;: &quot;Check tariffs&quot;}}]"></div>'
            '<script type="application/json">{"label": "Rich text", "url": "/admin/pages/"}</script>')
    assert english_fragments(visible_texts(html)) == sorted(
        ["Password", "1-3 of 3 None", "Actions", "Search", "Root", "View / edit fields for RU EN", "Rich text"])


NUMBERS = {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 21: 0, 22: 1, 25: 2, 111: 2}  # n -> Russian form (one/few/many)


def test_wagtail_plurals_and_messages_read_right_in_russian():
    """Wagtail's own Russian gives "Существуют 3 совпадающих страниц" and "Обращение … обновлена"."""
    from django.utils.translation import gettext, ngettext

    forms = ["Найдена {} подходящая страница", "Найдены {} подходящие страницы", "Найдено {} подходящих страниц"]
    with translation.override("ru"):
        for n, form in NUMBERS.items():
            text = ngettext("There is one matching page", "There are %(counter)s matching pages", n) % {"counter": n}
            assert text == forms[form].format(n)
            published = ngettext("%(num_parent_objects)d page has been published",
                                 "%(num_parent_objects)d pages have been published", n) % {"num_parent_objects": n}
            assert published.startswith(["Опубликована", "Опубликованы", "Опубликовано"][form])
        saved = gettext("%(model_name)s '%(object)s' updated.") % {"model_name": "Обращение", "object": "DQ-1"}
    assert saved == "Сохранено: Обращение «DQ-1»."


def po_plurals(path):
    """(msgid, msgid_plural, [msgstr forms]) of a catalogue's plural entries, and its Plural-Forms header."""
    import ast

    entries, entry, key, header = [], {}, None, ""
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
        if match:
            if match.group(1) == "msgid" and entry:
                entries.append(entry)
                entry = {}
            key = match.group(1)
            entry[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
        elif not line.strip() and entry:
            entries.append(entry)
            entry, key = {}, None
    for item in entries:
        if item.get("msgid") == "":
            header = item.get("msgstr", "")
    return [(e["msgid"], e["msgid_plural"], [v for k, v in sorted(e.items()) if k.startswith("msgstr[")])
            for e in entries if "msgid_plural" in e], header


OUR_RU_CATALOGUES = sorted(Path(__file__).resolve().parents[2].glob("*/locale/ru/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po", OUR_RU_CATALOGUES, ids=lambda p: p.parents[3].name)
def test_our_plural_strings_read_right_in_russian(po):
    """Our source strings are Russian. A plural entry left untranslated in the Russian catalogue falls
    back to gettext's two-form rule (the singular for 1 only, so also "21 страница" would take the plural
    string): its plural string must then read right for any number, with the number after a colon
    («Найдено страниц: 21»). A translated one needs the three Russian forms, and a header that picks them."""
    plurals, header = po_plurals(po)
    formula = re.search(r"plural=(.*?);?\s*$", header.split("Plural-Forms:")[-1].split("\n")[0]).group(1)
    python_formula = formula.replace("&&", " and ").replace("||", " or ").replace("!", " not ").replace(" not =", "!=")
    pick = eval(compile(f"lambda n: int({_ternary(python_formula)})", po.name, "eval"))  # noqa: S307 (our own header)
    assert {n: pick(n) for n in NUMBERS} == NUMBERS, f"{po}: Plural-Forms does not pick the Russian forms"
    for msgid, msgid_plural, forms in plurals:
        if not any(forms):
            assert re.search(r":\s*%\(\w+\)[sd]", msgid_plural), (
                f"{po}: {msgid_plural!r} is untranslated and needs the number after a colon to read right for 21, 3, 5")
        else:
            assert len([form for form in forms if form]) >= 3, f"{po}: {msgid!r} lacks Russian plural forms"


def _ternary(expression):
    """C's ``a ? b : c`` (right-associative) as Python's ``(b if a else c)``."""
    depth, question = 0, None
    for index, char in enumerate(expression):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "?" and depth == 0 and question is None:
            question = index
        elif char == ":" and depth == 0 and question is not None:
            condition, then, rest = expression[:question], expression[question + 1:index], expression[index + 1:]
            return f"(({_ternary(then)}) if ({_ternary(condition)}) else ({_ternary(rest)}))"
    stripped = expression.strip()
    if stripped.startswith("(") and stripped.endswith(")") and _balanced(stripped[1:-1]):
        return f"({_ternary(stripped[1:-1])})"
    return expression


def _balanced(text):
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
