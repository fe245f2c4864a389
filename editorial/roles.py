"""Editorial roles: the groups, what each may do, and the moderation workflow.

Everything here takes an ``apps`` registry so the same code runs inside a data migration
(historical models) and from tests or commands (``django.apps.apps``). Every step is a
get-or-create, so running it again changes nothing.

Hook for other apps: an app that adds its own models (the cases app, for example) grants its
permissions to a group from its own data migration, depending on this app's migration::

    from editorial.roles import CASE_OFFICERS, grant_model_permissions

    def forwards(apps, schema_editor):
        grant_model_permissions(apps, CASE_OFFICERS, "cases", "case", ["view", "change"])

    dependencies = [("editorial", "0002_groups_and_workflow"), ("cases", "0001_initial")]

Administrators need no such step: they receive every permission after each ``migrate``
(see ``grant_all_to_administrators``).
"""

# The names editors see in the admin (in Russian: the admin is Russian first). Until migration
# editorial 0005 they were English; FORMER_NAMES keeps those for that migration, which renames
# (or, on a fresh database where Wagtail's own migration made "Editors" and "Moderators", merges)
# them. A migration written after 0005 must use these constants, never a literal name.
EDITORS = "Редакторы"
MODERATORS = "Модераторы"
CASE_OFFICERS = "Сотрудники по обращениям"
ADMINISTRATORS = "Администраторы"
GROUPS = (EDITORS, MODERATORS, CASE_OFFICERS, ADMINISTRATORS)
FORMER_NAMES = {EDITORS: "Editors", MODERATORS: "Moderators", CASE_OFFICERS: "Case officers",
                ADMINISTRATORS: "Administrators"}

WORKFLOW_NAME = "Модерация"
TASK_NAME = "Проверка модератором"

# Page permissions on the root page (so on every page of every site).
PAGE_PERMISSIONS = {
    EDITORS: ["add", "change"],
    MODERATORS: ["add", "change", "publish", "lock", "unlock"],
    ADMINISTRATORS: ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
}
# Image and document permissions on the root collection. (Wagtail treats "change" as allowing
# "delete" too, so Editors get Wagtail's defaults: everything short of managing collections.)
COLLECTION_PERMISSIONS = {
    EDITORS: ["add", "change", "delete", "choose"],
    MODERATORS: ["add", "change", "delete", "choose"],
    ADMINISTRATORS: ["add", "change", "delete", "choose"],
}
# Snippets editors maintain: (app label, model name) -> actions per group.
SNIPPET_MODELS = [("cms_pages", "alertbanner"), ("cms_pages", "legalact"), ("cms_pages", "responsiblebody")]
SNIPPET_PERMISSIONS = {
    EDITORS: ["add", "change", "view"],
    MODERATORS: ["add", "change", "delete", "view", "publish"],
}
# Snippets whose changes go through the moderation workflow (DraftStateMixin models).
WORKFLOW_SNIPPETS = [("cms_pages", "alertbanner")]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"[:255]},
    )
    return permission


def _group(apps, name):
    return apps.get_model("auth", "Group").objects.get_or_create(name=name)[0]


def grant_model_permissions(apps, group_name, app_label, model, actions):
    """Give a group model-wide permissions ``<action>_<model>``; creates the group if missing."""
    group = _group(apps, group_name)
    group.permissions.add(*[_permission(apps, app_label, model, f"{action}_{model}") for action in actions])
    return group


def _root_page(apps):
    Page = apps.get_model("wagtailcore", "Page")
    return Page.objects.filter(depth=1).order_by("path").first()


def _root_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    return Collection.objects.filter(depth=1).order_by("path").first()


def ensure_groups(apps):
    """The four groups with their permissions. Wagtail already made Editors and Moderators."""
    groups = {name: _group(apps, name) for name in GROUPS}
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    for group in groups.values():
        group.permissions.add(access_admin)

    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = _root_page(apps)
    if root is not None:
        for name, actions in PAGE_PERMISSIONS.items():
            for action in actions:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=root,
                    permission=_permission(apps, "wagtailcore", "page", f"{action}_page"),
                )

    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    collection = _root_collection(apps)
    if collection is not None:
        for name, actions in COLLECTION_PERMISSIONS.items():
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=collection,
                        permission=_permission(apps, app_label, model, f"{action}_{model}"),
                    )

    for name, actions in SNIPPET_PERMISSIONS.items():
        for app_label, model in SNIPPET_MODELS:
            usable = [a for a in actions if a != "publish" or (app_label, model) in WORKFLOW_SNIPPETS]
            grant_model_permissions(apps, name, app_label, model, usable)
    return groups


def ensure_workflow(apps):
    """One workflow on the root page and on moderated snippets: editors submit, Moderators approve.

    Wagtail's own migration made a "Moderators approval" workflow on the root page with a plain
    group approval task; it is reused and its task swapped for the one that also checks the
    publishing rules.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Task = apps.get_model("wagtailcore", "Task")
    CheckedTask = apps.get_model("editorial", "AccessibleApprovalTask")

    moderators = _group(apps, MODERATORS)
    task_type, _ = ContentType.objects.get_or_create(app_label="editorial", model="accessibleapprovaltask")
    task = CheckedTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = CheckedTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(moderators)

    root = _root_page(apps)
    link = WorkflowPage.objects.filter(page=root).select_related("workflow").first() if root else None
    workflow = link.workflow if link else Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    workflow.name, workflow.active = WORKFLOW_NAME, True
    workflow.save(update_fields=["name", "active"])
    if root is not None and link is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)

    replaced = list(WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).values_list("task_id", flat=True))
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Retire the old plain task if no other workflow uses it (no half-finished moderation is lost:
    # this runs at install time, before anyone has submitted anything).
    Task.objects.filter(pk__in=replaced, workflow_tasks__isnull=True).update(active=False)

    for app_label, model in WORKFLOW_SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})
    return workflow


def grant_all_to_administrators(apps=None, **kwargs):
    """Administrators may do everything a superuser can, through ordinary permissions.

    Runs after every ``migrate`` (post_migrate), so permissions of models added later are
    granted too. Does nothing until the editorial migration has created the group.
    """
    if apps is None:
        from django.apps import apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    group = Group.objects.filter(name=ADMINISTRATORS).first()
    if group is None:
        return
    app_config = kwargs.get("app_config")
    if app_config is not None:
        # Django makes this app's permissions in a receiver that may run after this one.
        from django.contrib.auth.management import create_permissions

        create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"), apps=apps)
    missing = Permission.objects.exclude(group=group).values_list("pk", flat=True)
    if missing:
        group.permissions.add(*list(missing))
