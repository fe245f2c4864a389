"""Every admin URL governance adds (see governance/admin_views.py) refuses those it is not for."""
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from editorial import roles
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def account(name, group=None):
    user = User.objects.create_user(name, f"{name}@example.invalid", "pw-perm-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def urls(page):
    return [reverse("governance:page", args=[page.pk]), reverse("governance_report:index"),
            reverse("governance_report:index_results"), reverse("governance_report:index") + "?export=csv"]


def test_staff_without_page_permissions_get_nothing(home, client):
    page = ContentPageFactory(parent=home, title="Секретная страница")
    page.save_revision().publish()
    for name, group in (("outsider", None), ("officer", roles.CASE_OFFICERS)):
        client.force_login(account(name, group))
        for url in urls(page):
            response = client.get(url)
            assert response.status_code in (302, 403), (name, url, response.status_code)
            assert "Секретная страница" not in response.content.decode()
        assert client.post(urls(page)[0], {"review_by": "01.01.2027"}).status_code in (302, 403)
    client.logout()
    assert client.get(urls(page)[0]).status_code == 302  # anonymous: to the login page


def test_editors_and_moderators_open_them(home, client):
    page = ContentPageFactory(parent=home)
    page.save_revision().publish()
    unknown = reverse("governance:page", args=[999999])
    for group in (roles.EDITORS, roles.MODERATORS):
        client.force_login(account(group.lower(), group))
        for url in urls(page):
            assert client.get(url).status_code == 200, (group, url)
    assert client.get(unknown, follow=True).status_code == 404
