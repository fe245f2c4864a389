"""Every admin URL visits adds (listed in visits.admin_views) refuses anonymous visitors and
staff without the permission, and opens for those it is for."""
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from editorial import roles
from tests.visits.conftest import MONDAY
from tests.visits.helpers import book

pytestmark = pytest.mark.django_db


def admin_user(name, groups=()):
    user = User.objects.create_user(name, f"{name}@example.invalid", "perm-check-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


def admin_urls(settings_row):
    from visits.wagtail_hooks import register_visit_settings_viewset
    viewset = register_visit_settings_viewset()
    urls = []
    for pattern in viewset.get_urlpatterns():
        args = (settings_row.pk,) if pattern.pattern.converters else ()
        urls.append((pattern.name, reverse(f"{viewset.url_namespace}:{pattern.name}", args=args)))
    urls.append(("day_list", reverse("visits_day_list") + f"?centre={settings_row.centre_id}&day={MONDAY}"))
    return urls


@pytest.fixture
def booked(client, centre, visit_settings):
    book(client, centre, MONDAY, name="Анна Петрова", needs=["wheelchair"])
    client.logout()
    return visit_settings


def test_the_docstring_lists_every_url(booked):
    from visits import admin_views
    names = {name for name, _url in admin_urls(booked)}
    assert {"index", "add", "edit", "delete", "day_list"} <= names
    for name, url in admin_urls(booked):
        path = url.split("?")[0].replace(str(booked.pk), "<pk>")
        assert path in admin_views.__doc__, path


def test_anonymous_visitors_are_sent_to_the_login(client, booked):
    for name, url in admin_urls(booked):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], (name, url)


def test_editors_without_the_permission_get_nothing(client, booked):
    client.force_login(admin_user("editor1", groups=[roles.EDITORS]))
    for name, url in admin_urls(booked):
        response = client.get(url)
        assert response.status_code in (302, 403), (name, url, response.status_code)
        assert "Анна Петрова" not in response.content.decode(), (name, url)
        if response.status_code == 302:
            assert response["Location"].split("?")[0] != url.split("?")[0], (name, url)


def test_case_officers_see_the_day_list_but_not_the_settings(client, booked):
    staff = Group.objects.create(name="Сотрудники центра")
    booked.staff = staff
    booked.save()
    officer = admin_user("officer1", groups=[roles.CASE_OFFICERS])
    officer.groups.add(staff)
    client.force_login(officer)
    response = client.get(reverse("visits_day_list") + f"?centre={booked.centre_id}&day={MONDAY}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Анна Петрова" in html and "11:00" in html and "на кресле-коляске" in html
    assert "8 911 555-12-34" in html
    assert "Подготовить: на кресле-коляске — 1." in html
    other_day = client.get(reverse("visits_day_list") + f"?centre={booked.centre_id}&day=2026-12-04")
    assert "Анна Петрова" not in other_day.content.decode() and "записей нет" in other_day.content.decode()
    bad = client.get(reverse("visits_day_list") + f"?centre={booked.centre_id}&day=07.12")
    assert bad.status_code == 200 and "ГГГГ-ММ-ДД" in bad.content.decode()
    for name, url in admin_urls(booked):
        if name != "day_list":
            assert client.get(url).status_code in (302, 403), (name, url)


def test_administrators_keep_the_settings(client, booked):
    client.force_login(admin_user("admin1", groups=[roles.ADMINISTRATORS]))
    for name in ("index", "edit", "delete", "day_list"):
        url = dict(admin_urls(booked))[name]
        assert client.get(url).status_code == 200, (name, url)
    response = client.post(reverse("visit_settings:edit", args=[booked.pk]), {
        "centre": booked.centre_id, "enabled": "on", "slot_minutes": "20", "places_per_slot": "3",
        "horizon_days": "14", "min_notice_minutes": "60"})
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.slot_minutes == 20 and booked.places_per_slot == 3


def test_officers_of_other_centres_see_no_bookings_not_even_by_a_forged_centre(client, booked):
    """The day list holds visitors' names, phones and health-related needs: only the centre's staff
    group (and administrators) see it; a centre without a staff group is seen by administrators only."""
    officer = admin_user("officer2", groups=[roles.CASE_OFFICERS])
    client.force_login(officer)
    url = reverse("visits_day_list") + f"?centre={booked.centre_id}&day={MONDAY}"
    html = client.get(url).content.decode()
    assert "Анна Петрова" not in html and "8 911 555-12-34" not in html
    assert "Этот центр не входит в ваши" in html
    assert "не входите в группу сотрудников ни одного центра" in client.get(reverse("visits_day_list")).content.decode()
    other = Group.objects.create(name="Сотрудники другого центра")
    officer.groups.add(other)
    booked.staff = Group.objects.create(name="Сотрудники этого центра")
    booked.save()
    assert "Анна Петрова" not in client.get(url).content.decode()
    client.force_login(admin_user("admin2", groups=[roles.ADMINISTRATORS]))
    assert "Анна Петрова" in client.get(url).content.decode()
