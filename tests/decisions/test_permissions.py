"""Every URL the decisions app adds (listed in decisions/views.py) for anonymous users, a case
officer, an editor and a moderator."""
import pytest
from django.urls import reverse

from editorial import roles
from tests.decisions.conftest import account

pytestmark = pytest.mark.django_db


KINDS = ("connection", "ceilings", "benefits")


@pytest.fixture
def pages(tariff_page, connection_page, subsidy_page):
    return {"tariffs": tariff_page, "connection": connection_page, "ceilings": subsidy_page,
            "benefits": subsidy_page}


def urls(page, pages=None):
    """The tariff URLs, and with ``pages`` each other kind's import and its page's comparison."""
    found = [reverse("decisions:import"), reverse("decisions:import") + f"?page={page.pk}",
             reverse("decisions:compare", args=[page.pk])]
    for kind in KINDS if pages else ():
        found += [reverse("decisions:import", args=[kind]),
                  reverse("decisions:import", args=[kind]) + f"?page={pages[kind].pk}",
                  reverse("decisions:compare", args=[pages[kind].pk])]
    return found


def test_anonymous_is_sent_to_the_login_page(client, tariff_page, pages):
    for url in urls(tariff_page, pages):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    for url in [reverse("decisions:import"), *(reverse("decisions:import", args=[kind]) for kind in KINDS)]:
        response = client.post(url, {"action": "confirm", "payload": "x"})
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_case_officer_is_refused_and_sees_no_figures(client, tariff_page, pages, officer):
    client.force_login(officer)
    for url in urls(tariff_page, pages):
        response = client.get(url, follow=True)  # Wagtail's admin turns a 403 into the dashboard with a message
        assert response.redirect_chain == [("/admin/", 302)], url
        assert all(page.title not in response.content.decode() for page in pages.values())
    for url in [reverse("decisions:import"), *(reverse("decisions:import", args=[kind]) for kind in KINDS)]:
        response = client.post(url, {"action": "preview"})
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert reverse("decisions:import") not in client.get(reverse("wagtailadmin_home")).content.decode()  # no menu item


def test_editor_and_moderator_open_every_url(client, tariff_page, pages, editor):
    for user in (editor, account("moderator-decisions", roles.MODERATORS)):
        client.force_login(user)
        for url in urls(tariff_page, pages):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        for url in [reverse("decisions:import"), *(reverse("decisions:import", args=[kind]) for kind in KINDS)]:
            assert url in home, url  # the submenu's items


def test_compare_of_other_pages_is_404(client, home, editor):
    client.force_login(editor)
    assert client.get(reverse("decisions:compare", args=[home.pk]), follow=True).status_code == 404
    assert client.get(reverse("decisions:compare", args=[999999]), follow=True).status_code == 404


def test_header_buttons_only_on_pages_with_decisions(client, tariff_page, pages, home, editor):
    client.force_login(editor)
    compare = reverse("decisions:compare", args=[tariff_page.pk])
    assert compare in client.get(reverse("wagtailadmin_pages:edit", args=[tariff_page.pk])).content.decode()
    for kind in KINDS:
        page = pages[kind]
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert reverse("decisions:compare", args=[page.pk]) in html
        assert reverse("decisions:import", args=[kind]) + f"?page={page.pk}" in html
    other = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert reverse("decisions:compare", args=[home.pk]) not in other
    assert f"?page={home.pk}" not in other
