"""The groups made by the editorial migration, what each can do in the admin, and idempotency."""
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import (
    GroupCollectionPermission, GroupPagePermission, Page, Task, Workflow, WorkflowContentType, WorkflowPage,
    WorkflowTask,
)

from editorial import roles
from editorial.models import AccessibleApprovalTask
from tests.editorial.conftest import edit_url


def test_the_four_groups_exist(db):
    assert set(roles.GROUPS) <= set(Group.objects.values_list("name", flat=True))


def test_every_group_reaches_the_admin(client, login, editor, moderator, case_officer, administrator):
    for user in (editor, moderator, case_officer, administrator):
        login(user)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_page_permissions(editor, moderator, case_officer, administrator, draft_page):
    def perms(user):
        return draft_page.permissions_for_user(user)

    assert perms(editor).can_edit() and not perms(editor).can_publish()
    assert perms(moderator).can_edit() and perms(moderator).can_publish()
    assert perms(administrator).can_publish() and perms(administrator).can_delete()
    assert not perms(case_officer).can_edit()


def test_case_officer_cannot_open_the_page_editor(client, login, case_officer, draft_page):
    login(case_officer)
    assert client.get(edit_url(draft_page)).status_code in (302, 403)


def test_images_and_documents(editor, moderator, case_officer):
    for policy in (image_policy, document_policy):
        assert policy.user_has_permission(editor, "add") and policy.user_has_permission(editor, "choose")
        assert policy.user_has_permission(moderator, "add") and policy.user_has_permission(moderator, "delete")
        assert not policy.user_has_permission(case_officer, "add")


def test_snippets(editor, moderator):
    assert editor.has_perm("cms_pages.add_alertbanner") and editor.has_perm("cms_pages.change_legalact")
    assert not editor.has_perm("cms_pages.publish_alertbanner")
    assert not editor.has_perm("cms_pages.delete_responsiblebody")
    assert moderator.has_perm("cms_pages.publish_alertbanner")
    assert moderator.has_perm("cms_pages.delete_legalact")


def test_editor_can_open_the_alert_banner_editor(client, login, editor):
    login(editor)
    assert client.get(reverse("wagtailsnippets_cms_pages_alertbanner:add")).status_code == 200


def test_administrators_have_every_permission_but_are_not_superusers(client, login, administrator):
    assert not administrator.is_superuser
    every = {f"{app}.{code}" for app, code in Permission.objects.values_list("content_type__app_label", "codename")}
    assert every <= administrator.get_all_permissions()
    login(administrator)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 200


def test_editors_cannot_manage_users(client, login, editor):
    login(editor)
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)


def test_moderation_workflow_is_on_the_root_page(db):
    root = Page.get_first_root_node()
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.active and workflow.name == roles.WORKFLOW_NAME
    [task] = [t.specific for t in workflow.tasks]
    assert isinstance(task, AccessibleApprovalTask) and task.active
    assert list(task.groups.values_list("name", flat=True)) == [roles.MODERATORS]


def test_running_the_setup_again_changes_nothing(db):
    def counts():
        return {
            "groups": Group.objects.count(),
            "group permissions": Group.permissions.through.objects.count(),
            "page permissions": GroupPagePermission.objects.count(),
            "collection permissions": GroupCollectionPermission.objects.count(),
            "workflows": Workflow.objects.count(),
            "workflow tasks": WorkflowTask.objects.count(),
            "active tasks": Task.objects.filter(active=True).count(),
            "workflow pages": WorkflowPage.objects.count(),
            "workflow content types": WorkflowContentType.objects.count(),
        }

    before = counts()
    roles.ensure_groups(django_apps)
    roles.ensure_workflow(django_apps)
    roles.grant_all_to_administrators(django_apps)
    assert counts() == before
    assert before["active tasks"] >= 1 and before["workflows"] >= 1


def test_other_apps_grant_their_permissions_through_the_hook(db):
    group = roles.grant_model_permissions(django_apps, roles.CASE_OFFICERS, "cms_pages", "legalact", ["view"])
    assert group.permissions.filter(codename="view_legalact").exists()
    assert Group.objects.filter(name=roles.CASE_OFFICERS).count() == 1
