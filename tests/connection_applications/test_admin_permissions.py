"""Every admin URL this app adds (see connection_applications.admin_views' docstring), for every
kind of user: anonymous, staff without the permission, an officer of another unit, the officer
of the case's unit, an administrator."""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from connection_applications.models import ConnectionApplication, ConnectionStage, StageMove
from tests.connection_applications.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def application_urls(application):
    return [reverse("connection_applications:index"), reverse("connection_applications:move", args=(application.pk,))]


def stage_urls(stage):
    from connection_applications.wagtail_hooks import register_stage_viewset

    viewset = register_stage_viewset()
    urls = []
    for pattern in viewset.get_urlpatterns():
        args = (stage.pk,) if pattern.pattern.converters else ()
        urls.append((pattern.name, reverse(f"{viewset.url_namespace}:{pattern.name}", args=args)))
    return urls


def post_move(client, application, **kwargs):
    stage = ConnectionStage.objects.get(order=2)
    return client.post(reverse("connection_applications:move", args=(application.pk,)),
                       {"stage": stage.pk, "from_stage": application.stage_id}, **kwargs)


def test_anonymous_is_sent_to_the_login(client, connection_case):
    application = ConnectionApplication.objects.get(case=connection_case())
    for url in application_urls(application):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    assert post_move(client, application).status_code == 302
    assert application.moves.count() == 1


def test_staff_without_the_permission_are_turned_away(client, connection_case, admin_user_without_rights, django_user_model):
    case = connection_case()
    application = ConnectionApplication.objects.get(case=case)
    editor = django_user_model.objects.create_user("editor1", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Редакторы"))
    for user in (admin_user_without_rights, editor):
        client.force_login(user)
        for url in application_urls(application):
            response = client.get(url)
            # PermissionDenied: Wagtail sends the user back to the dashboard with a message
            assert response.status_code == 302 and response["Location"] == "/admin/", (user, url)
            assert case.reference not in client.get(url, follow=True).content.decode()
        response = post_move(client, application)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert application.moves.count() == 1


def test_an_officer_of_another_unit_sees_and_moves_nothing(client, connection_case, make_officer):
    case = connection_case()
    application = ConnectionApplication.objects.get(case=case)
    client.force_login(make_officer("customer_service", "other"))
    index = client.get(reverse("connection_applications:index"))
    assert index.status_code == 200 and case.reference not in index.content.decode()
    assert client.get(reverse("connection_applications:index") + "?overdue=1").status_code == 200
    url = reverse("connection_applications:move", args=(application.pk,))
    response = client.get(url, follow=True)
    assert response.status_code == 404 and case.reference not in response.content.decode()
    # (Django's LocaleMiddleware redirects a 404 under /admin/ to /ru/admin/, which is a 404 too)
    assert post_move(client, application, follow=True).status_code == 404
    assert application.moves.count() == 1


def test_the_units_officer_and_an_administrator_open_every_application_url(client, connection_case, make_officer,
                                                                           django_user_model):
    case = connection_case()
    application = ConnectionApplication.objects.get(case=case)
    administrator = django_user_model.objects.create_user("chief", password=PASSWORD)
    administrator.groups.add(Group.objects.get(name="Администраторы"))
    for user in (make_officer("connection"), administrator):
        client.force_login(user)
        for url in application_urls(application):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert case.reference in response.content.decode()
    assert post_move(client, application).status_code == 302
    assert StageMove.objects.filter(application=application).count() == 2


def test_every_stage_viewset_url_is_refused_to_officers_and_open_to_administrators(client, make_officer,
                                                                                  django_user_model):
    stage = ConnectionStage.objects.get(order=1)
    urls = stage_urls(stage)
    assert {"index", "add", "edit", "delete", "history"} <= {name for name, _url in urls}
    client.force_login(make_officer("connection"))
    for name, url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), (name, url, response.status_code)
        if response.status_code == 302:
            assert response["Location"] != url and stage.name not in response.content.decode(), name
    administrator = django_user_model.objects.create_user("chief", password=PASSWORD)
    administrator.groups.add(Group.objects.get(name="Администраторы"))
    client.force_login(administrator)
    for name, url in urls:
        assert client.get(url).status_code == 200, (name, url)


def test_a_stage_in_use_cannot_be_deleted_and_the_answer_is_no_500(client, connection_case, django_user_model):
    connection_case()
    stage = ConnectionStage.objects.get(order=1)
    administrator = django_user_model.objects.create_user("chief", password=PASSWORD)
    administrator.groups.add(Group.objects.get(name="Администраторы"))
    client.force_login(administrator)
    url = reverse("connection_stages:delete", args=(stage.pk,))
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "нельзя удалить: на нём есть или были заявки" in response.content.decode()
    assert ConnectionStage.objects.filter(pk=stage.pk).exists()
    unused = ConnectionStage.objects.create(code="spare", order=99, name="Запасной этап")
    client.post(reverse("connection_stages:delete", args=(unused.pk,)))
    assert not ConnectionStage.objects.filter(pk=unused.pk).exists()
