"""The groups editors see in the admin are named in Russian (editorial 0005 renames or merges the
English ones Wagtail and earlier migrations made), and nothing they carried is lost."""
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from wagtail.models import GroupApprovalTask, GroupPagePermission

from editorial import roles

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("editorial.migrations.0005_groups_in_russian")


def test_after_the_migrations_only_the_russian_groups_exist_with_their_rights():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.GROUPS) <= names
    assert not names & set(roles.FORMER_NAMES.values())
    editors = Group.objects.get(name=roles.EDITORS)
    assert GroupPagePermission.objects.filter(group=editors, permission__codename="change_page").exists()
    moderators = Group.objects.get(name=roles.MODERATORS)
    assert GroupApprovalTask.objects.filter(groups=moderators, active=True).exists()
    officers = Group.objects.get(name=roles.CASE_OFFICERS)
    assert officers.permissions.filter(codename="view_case").exists()


def test_an_installation_with_the_english_groups_keeps_members_and_rights():
    """As every installation before 0005 had them: English groups only. They are renamed in place."""
    moderators = Group.objects.get(name=roles.MODERATORS)
    Group.objects.filter(pk=moderators.pk).update(name="Moderators")
    member = User.objects.create_user("m", password="pw-group-2026")
    member.groups.add(moderators)
    MIGRATION.forwards(apps, None)
    renamed = Group.objects.get(pk=moderators.pk)
    assert renamed.name == roles.MODERATORS and member in renamed.user_set.all()
    assert GroupApprovalTask.objects.filter(groups=renamed).exists()


def test_both_present_the_english_one_is_merged_into_the_russian_one():
    russian = Group.objects.get(name=roles.EDITORS)
    english = Group.objects.create(name="Editors")
    member = User.objects.create_user("e", password="pw-group-2026")
    member.groups.add(english)
    view_case = russian.permissions.model.objects.get(codename="add_redirect")
    english.permissions.add(view_case)
    MIGRATION.forwards(apps, None)
    assert not Group.objects.filter(name="Editors").exists()
    assert member in russian.user_set.all() and russian.permissions.filter(pk=view_case.pk).exists()


def test_the_demo_unit_groups_are_named_after_their_unit():
    from cases.models import Unit

    unit = Unit.objects.filter(kind=Unit.INTERNAL).first()
    unit.officers = Group.objects.create(name=f"Case unit: {unit.code}")
    unit.save()
    MIGRATION.forwards(apps, None)
    unit.refresh_from_db()
    assert unit.officers.name == f"Сотрудники подразделения «{unit.name_ru}»"
