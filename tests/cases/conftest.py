import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def journey(client):
    """Walks the public form step by step, like a person would."""
    from tests.cases.helpers import Journey
    return Journey(client)


@pytest.fixture
def officers_group(db):
    return Group.objects.get(name="Сотрудники по обращениям")


@pytest.fixture
def make_officer(db, django_user_model, officers_group):
    from cases.models import Unit

    def make(unit_code, username="officer"):
        unit = Unit.objects.get(code=unit_code)
        unit_group, _ = Group.objects.get_or_create(name=f"Unit {unit_code}")
        unit.officers = unit_group
        unit.save()
        user = django_user_model.objects.create_user(username=username, password="pw-12345-long")
        user.groups.add(officers_group, unit_group)
        return user
    return make
