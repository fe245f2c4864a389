"""Redirects after admin actions go only to this site: a request-supplied ``next`` is checked with
Django's ``url_has_allowed_host_and_scheme`` (issue 12, item 7)."""
import pytest
from django.urls import reverse

from cms_pages.blocks import BodyBlock

EXPLORER = reverse("wagtailadmin_explore_root")


@pytest.fixture
def bad_draft(draft_page, editor):
    """A draft whose latest revision breaks a publishing rule (link text «здесь»)."""
    draft_page.body_ru = BodyBlock().to_python([
        {"type": "paragraph", "value": '<p>Тарифы <a href="https://example.org/t">здесь</a></p>'}])
    draft_page.save_revision(user=editor)
    return draft_page


def refused_bulk_publish(client, page, next_url):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return client.post(url, {}, QUERY_STRING=f"id={page.pk}&next={next_url}")


@pytest.mark.parametrize("next_url", [
    "https://evil.example/", "//evil.example", "///evil.example", "http:/evil.example",
    "javascript:alert(1)", "https://testserver.evil.example/admin/",
])
def test_bulk_publish_refusal_never_redirects_off_site(client, login, moderator, bad_draft, next_url):
    from urllib.parse import quote

    login(moderator)
    response = refused_bulk_publish(client, bad_draft, quote(next_url, safe=""))
    assert response.status_code == 302
    assert response["Location"] == EXPLORER
    bad_draft.refresh_from_db()
    assert not bad_draft.live
    assert "Ничего не опубликовано" in client.get(response["Location"]).content.decode()


def test_bulk_publish_refusal_keeps_a_same_site_next(client, login, moderator, bad_draft):
    login(moderator)
    target = reverse("wagtailadmin_explore", args=(bad_draft.get_parent().pk,))
    response = refused_bulk_publish(client, bad_draft, target)
    assert response.status_code == 302
    assert response["Location"] == target


def test_bulk_publish_refusal_without_next_goes_to_the_explorer(client, login, moderator, bad_draft):
    login(moderator)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(url, {}, QUERY_STRING=f"id={bad_draft.pk}")
    assert response["Location"] == EXPLORER
