"""Moderation: an editor submits, a moderator approves; nobody approves content that breaks the rules."""
import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowMixin, WorkflowState
from wagtail.test.utils.form_data import rich_text

from cms_pages.blocks import BodyBlock
from cms_pages.models import AlertBanner
from editorial.models import AccessibleApprovalTask
from tests.editorial.conftest import edit_url, editor_form_data

GOOD_BODY = [("heading", {"text": "Как подать заявку", "level": "h2"}),
             ("paragraph", rich_text('<p>Заполните <a href="https://example.org/f">форму заявки на подключение</a>.</p>'))]


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def submit(client, page, body=GOOD_BODY):
    return client.post(edit_url(page), editor_form_data(client, page, body_ru=body, **{"action-submit": "1"}))


def current_task_state(page):
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def test_editor_is_offered_submit_but_not_publish(login, editor, draft_page):
    html = login(editor).get(edit_url(draft_page)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_moderator_is_offered_publish(login, moderator, draft_page):
    assert 'name="action-publish"' in login(moderator).get(edit_url(draft_page)).content.decode()


def test_editor_cannot_publish_by_posting_the_publish_action(login, editor, draft_page):
    client = login(editor)
    response = client.post(edit_url(draft_page), editor_form_data(client, draft_page, body_ru=GOOD_BODY,
                                                                  **{"action-publish": "1"}))
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert not draft_page.live and draft_page.live_revision is None
    assert client.get(draft_page.url).status_code == 404


def test_submitting_starts_the_moderation_workflow(login, editor, draft_page):
    response = submit(login(editor), draft_page)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(draft_page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(state.current_task_state.task.specific, AccessibleApprovalTask)
    draft_page.refresh_from_db()
    assert not draft_page.live


def test_moderator_sees_the_page_awaiting_review_and_approves_it(client, login, editor, moderator, draft_page):
    submit(login(editor), draft_page)
    login(moderator)
    assert draft_page.title in client.get(reverse("wagtailadmin_home")).content.decode()
    task_state = current_task_state(draft_page)
    response = client.post(workflow_action_url(draft_page, "approve", task_state), {"comment": ""})
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.live
    assert WorkflowState.objects.get(object_id=str(draft_page.pk)).status == WorkflowState.STATUS_APPROVED
    public = client.get(draft_page.url)
    assert public.status_code == 200 and "форму заявки на подключение" in public.content.decode()


def test_editor_cannot_approve(login, editor, moderator, draft_page):
    client = login(editor)
    submit(client, draft_page)
    task_state = current_task_state(draft_page)
    response = client.post(workflow_action_url(draft_page, "approve", task_state), {"comment": ""})
    assert response.status_code in (302, 403)  # Wagtail turns "permission denied" into a redirect home
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    draft_page.refresh_from_db()
    assert not draft_page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


@pytest.fixture
def submitted_bad_revision(draft_page, editor):
    """Content that reached moderation without the editor form (an older revision, an import...)."""
    draft_page.body_ru = BodyBlock().to_python([
        {"type": "paragraph", "value": '<p>Тарифы <a href="https://example.org/t">здесь</a></p>'}])
    draft_page.save_revision(user=editor)
    draft_page.get_workflow().start(draft_page, editor)
    return draft_page


def test_approval_from_the_dashboard_is_refused_for_bad_content(client, login, moderator, submitted_bad_revision):
    page = submitted_bad_revision
    login(moderator)
    task_state = current_task_state(page)
    response = client.post(workflow_action_url(page, "approve", task_state), {"comment": ""})
    assert response.status_code == 302
    assert response["Location"] == edit_url(page)
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    editor_html = client.get(response["Location"]).content.decode()
    assert "Эту версию нельзя опубликовать или одобрить" in editor_html
    assert "Текст ссылки «здесь» ничего не говорит" in editor_html


def test_moderator_can_still_request_changes_on_bad_content(client, login, moderator, submitted_bad_revision):
    page = submitted_bad_revision
    login(moderator)
    response = client.post(workflow_action_url(page, "reject", current_task_state(page)),
                           {"comment": "Исправьте текст ссылки"})
    assert response.status_code == 302
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_NEEDS_CHANGES


def test_approval_in_the_editor_checks_the_content(client, login, editor, moderator, draft_page):
    submit(login(editor), draft_page)
    login(moderator)
    approve = {"action-workflow-action": "1", "workflow-action-name": "approve", "workflow-action-extra-data": "{}"}
    bad = [("heading", {"text": "Как подать заявку", "level": "h2"}), ("heading", {"text": "Шаг", "level": "h4"})]
    response = client.post(edit_url(draft_page), editor_form_data(client, draft_page, body_ru=bad, **approve))
    assert response.status_code == 200
    assert "Заголовок уровня 4 идёт после уровня 2" in response.content.decode()
    draft_page.refresh_from_db()
    assert not draft_page.live

    response = client.post(edit_url(draft_page), editor_form_data(client, draft_page, body_ru=GOOD_BODY, **approve))
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.live


def bulk_publish(client, page):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}&next=/admin/"
    return client.post(url, {})


def test_bulk_publish_refuses_bad_content(client, login, moderator, submitted_bad_revision):
    page = submitted_bad_revision
    login(moderator)
    assert bulk_publish(client, page).status_code == 302
    page.refresh_from_db()
    assert not page.live


def test_bulk_publish_still_publishes_good_content(client, login, moderator, draft_page):
    login(moderator)
    assert bulk_publish(client, draft_page).status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.live


def test_alert_banners_share_the_moderation_workflow(db):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    link = WorkflowContentType.objects.get(content_type=ContentType.objects.get_for_model(AlertBanner))
    assert link.workflow.workflow_tasks.get().task.specific.__class__ is AccessibleApprovalTask
    if not issubclass(AlertBanner, WorkflowMixin):
        pytest.skip("AlertBanner lacks WorkflowMixin/LockableMixin (cms_pages owner): the link waits for it")
    assert AlertBanner.get_default_workflow() == link.workflow
