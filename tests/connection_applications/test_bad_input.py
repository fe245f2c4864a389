"""Bad input to the move form: a clear message next to the field, the values kept, never a 500,
and nothing moved."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from connection_applications.models import ConnectionApplication, ConnectionStage

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client, connection_case, make_officer):
    application = ConnectionApplication.objects.get(case=connection_case())
    client.force_login(make_officer("connection"))
    return client, application


def post(client, application, **data):
    application.refresh_from_db()
    payload = {"stage": "", "from_stage": application.stage_id, "moved_on": "", "contract_due": "",
               "comment": "Текст, который нельзя потерять", **data}
    return client.post(reverse("connection_applications:move", args=(application.pk,)), payload)


def stage(order):
    return ConnectionStage.objects.get(order=order)


def refused(response, message):
    html = response.content.decode()
    assert response.status_code == 400, response.status_code
    assert message in html, html[:2000]
    assert "Текст, который нельзя потерять" in html  # the officer's text is kept
    assert "Заявка не переведена" in html


@pytest.mark.parametrize("value", ["999999", "abc", "-1", "1; DROP TABLE"])
def test_an_unknown_or_forged_stage(setup, value):
    client, application = setup
    refused(post(client, application, stage=value), "Такого этапа нет")
    assert application.moves.count() == 1


def test_no_stage_chosen(setup):
    client, application = setup
    refused(post(client, application), "Выберите этап, на который переходит заявка.")


def test_skipping_a_stage_staying_and_going_back(setup):
    client, application = setup
    refused(post(client, application, stage=stage(3).pk), "Этапы нельзя пропускать")
    refused(post(client, application, stage=stage(1).pk), "Заявка уже на этапе")
    assert post(client, application, stage=stage(2).pk).status_code == 302
    response = post(client, application, stage=stage(1).pk)
    refused(response, "Вернуть заявку на прежний этап")
    application.refresh_from_db()
    assert application.stage.order == 2 and application.moves.count() == 2


def test_a_stale_form_does_not_move_twice(setup):
    client, application = setup
    first = stage(1).pk
    assert post(client, application, stage=stage(2).pk, from_stage=first).status_code == 302
    refused(post(client, application, stage=stage(2).pk, from_stage=first), "Заявку уже перевели на этап")
    assert application.moves.count() == 2


def test_dates_in_the_future_before_the_last_move_or_malformed(setup):
    client, application = setup
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    refused(post(client, application, stage=stage(2).pk, moved_on=tomorrow.isoformat()),
            "Дата перехода не может быть в будущем.")
    long_ago = application.moves.get().moved_on - datetime.timedelta(days=3)
    refused(post(client, application, stage=stage(2).pk, moved_on=long_ago.isoformat()),
            "Дата перехода не может быть раньше перехода на текущий этап")
    refused(post(client, application, stage=stage(2).pk, moved_on="31.02.2026"), "Введите дату в виде 31.12.2026.")
    refused(post(client, application, stage=stage(2).pk, contract_due="2000-01-01"),
            "Срок по договору не может быть раньше даты перехода.")
    assert application.moves.count() == 1


def test_forged_application_ids(setup):
    client, application = setup
    for pk in (application.pk + 1000, 0):
        assert client.get(f"/admin/connection-applications/{pk}/", follow=True).status_code == 404
        assert client.post(f"/admin/connection-applications/{pk}/", {"stage": stage(2).pk},
                           follow=True).status_code == 404
    assert application.moves.count() == 1
    assert client.get("/admin/connection-applications/abc/", follow=True).status_code == 404


def test_nothing_after_the_last_stage(setup):
    client, application = setup
    for order in range(2, 7):
        assert post(client, application, stage=stage(order).pk).status_code == 302
    refused(post(client, application, stage=stage(6).pk), "Заявка уже на последнем этапе")
