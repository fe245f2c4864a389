"""Every admin URL the disclosure register adds (its ModelViewSet's generic views and the due
report) refuses staff without the register's permissions, and opens for the editors it is for."""
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from disclosure.models import DisclosureItem

pytestmark = pytest.mark.django_db

PASSWORD = "perm-check-2026"


def admin_user(name, groups=()):
    user = User.objects.create_user(name, f"{name}@example.invalid", PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


def viewset_urls(item):
    """(name, url) for every URL pattern of the viewset, filled with the item's pk where needed."""
    from disclosure.wagtail_hooks import register_disclosure_viewset

    viewset = register_disclosure_viewset()  # the instance shape the admin registers
    urls = []
    for pattern in viewset.get_urlpatterns():
        name = f"{viewset.url_namespace}:{pattern.name}"
        args = (item.pk,) if pattern.pattern.converters else ()
        urls.append((pattern.name, reverse(name, args=args)))
    urls += [("report", reverse("disclosure_report:index")), ("report_results", reverse("disclosure_report:index_results"))]
    return urls


def test_staff_without_the_register_permissions_get_nothing(client):
    item = DisclosureItem.objects.first()
    assert item is not None  # preloaded by migration
    client.force_login(admin_user("outsider"))
    urls = viewset_urls(item)
    assert {"index", "edit", "delete", "history"} <= {name for name, _url in urls}
    for name, url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), (name, url, response.status_code)
        if response.status_code == 302:
            assert response["Location"] != url and item.title not in response.content.decode(), (name, url)


def test_editors_open_the_register_and_its_report(client):
    from editorial import roles

    item = DisclosureItem.objects.first()
    client.force_login(admin_user("editor1", groups=[roles.EDITORS]))
    for name in ("disclosure_items:index", "disclosure_report:index"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("disclosure_items:edit", args=(item.pk,))).status_code == 200
