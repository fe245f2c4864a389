"""The admin in Russian for Russian users: strings of packages without a Russian catalogue come from the
project's own catalogue (locale/ru, first in LOCALE_PATHS)."""
from wagtail.users.models import UserProfile

from tests.editorial.conftest import edit_url


def test_field_language_switcher_in_russian(client, login, editor, draft_page):
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(preferred_language="ru")
    login(editor)
    html = client.get(edit_url(draft_page)).content.decode()
    assert "View / edit fields for" not in html
    assert "Показать и изменить поля на языке:" in html



def test_tree_root_is_named_in_russian(client, login, editor, draft_page):
    """Wagtail's first migration calls the root "Root"; the explorer's breadcrumbs show it."""
    from django.urls import reverse

    login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=(draft_page.get_parent().pk,))).content.decode()
    assert ">Root<" not in html and "Root</" not in html
