"""Scheduled publishing: next period's tariffs are reviewed in advance and go live on their date."""
import datetime

import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.editorial.conftest import edit_url, editor_form_data
from tests.editorial.test_workflow import current_task_state, workflow_action_url
from tests.factories import TariffPageFactory


def go_live_field(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def draft_tariff_page(home):
    page = TariffPageFactory(parent=home, live=False, title="Тарифы на второе полугодие 2026 года")
    page.save_revision()
    return page


def test_scheduled_tariff_page_goes_live_on_its_date(client, login, moderator, home):
    page = draft_tariff_page(home)
    go_live = timezone.now() + datetime.timedelta(days=3)
    login(moderator)
    response = client.post(edit_url(page), editor_form_data(
        client, page, go_live_at=go_live_field(go_live), **{"action-publish": "1"}))
    assert response.status_code == 302

    page.refresh_from_db()
    assert not page.live
    revision = page.latest_revision
    assert revision.approved_go_live_at is not None
    assert abs(revision.approved_go_live_at - go_live) < datetime.timedelta(minutes=1)

    call_command("publish_scheduled")  # today: too early
    page.refresh_from_db()
    assert not page.live

    with time_machine.travel(go_live - datetime.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled")  # the evening before
    page.refresh_from_db()
    assert not page.live

    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_editor_prepares_moderator_approves_in_advance(client, login, editor, moderator, home):
    page = draft_tariff_page(home)
    go_live = timezone.now() + datetime.timedelta(days=10)
    login(editor)
    client.post(edit_url(page), editor_form_data(client, page, go_live_at=go_live_field(go_live),
                                                 **{"action-submit": "1"}))
    login(moderator)
    response = client.post(workflow_action_url(page, "approve", current_task_state(page)), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live  # approved, waiting for its date
    assert page.latest_revision.approved_go_live_at is not None

    with time_machine.travel(go_live + datetime.timedelta(hours=1), tick=False):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
