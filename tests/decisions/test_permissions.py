"""Every URL the decisions app adds (listed in decisions/views.py) for anonymous users, a case
officer, an editor and a moderator."""
import pytest
from django.urls import reverse

from editorial import roles
from tests.decisions.conftest import account

pytestmark = pytest.mark.django_db


def urls(page):
    return [reverse("decisions:import"), reverse("decisions:import") + f"?page={page.pk}",
            reverse("decisions:compare", args=[page.pk])]


def test_anonymous_is_sent_to_the_login_page(client, tariff_page):
    for url in urls(tariff_page):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    response = client.post(reverse("decisions:import"), {"action": "confirm", "payload": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_case_officer_is_refused_and_sees_no_figures(client, tariff_page, officer):
    client.force_login(officer)
    for url in urls(tariff_page):
        response = client.get(url, follow=True)  # Wagtail's admin turns a 403 into the dashboard with a message
        assert response.redirect_chain == [("/admin/", 302)], url
        assert tariff_page.title not in response.content.decode()
    response = client.post(reverse("decisions:import"), {"action": "preview"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert reverse("decisions:import") not in client.get(reverse("wagtailadmin_home")).content.decode()  # no menu item


def test_editor_and_moderator_open_every_url(client, tariff_page, editor):
    for user in (editor, account("moderator-decisions", roles.MODERATORS)):
        client.force_login(user)
        for url in urls(tariff_page):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
        assert reverse("decisions:import") in client.get(reverse("wagtailadmin_home")).content.decode()  # the menu item


def test_compare_of_other_pages_is_404(client, home, editor):
    client.force_login(editor)
    assert client.get(reverse("decisions:compare", args=[home.pk]), follow=True).status_code == 404
    assert client.get(reverse("decisions:compare", args=[999999]), follow=True).status_code == 404


def test_header_buttons_only_on_tariff_pages(client, tariff_page, home, editor):
    client.force_login(editor)
    compare = reverse("decisions:compare", args=[tariff_page.pk])
    assert compare in client.get(reverse("wagtailadmin_pages:edit", args=[tariff_page.pk])).content.decode()
    other = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert reverse("decisions:compare", args=[home.pk]) not in other
    assert f"?page={home.pk}" not in other
