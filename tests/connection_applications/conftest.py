import factory
import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cases import services as case_services

CONSENT = {"at": timezone.now(), "version": "2026-01", "source": "test"}
PASSWORD = "pw-12345-long"


class ConnectionCaseFactory(factory.Factory):
    """A connection case registered the way the site registers it (``register_case``)."""

    class Meta:
        model = dict

    applicant_name = "Петрова Анна Сергеевна"
    email = "anna@example.ru"
    site_address = "д. Заозерье, ул. Луговая, 5"
    message = "Прошу подключить дом 15 кВт"
    application_number = ""
    language = "ru"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        language = kwargs.pop("language")
        case, _created = case_services.register_case(request_type="connection", answers=kwargs,
                                                     consent=CONSENT, language=language)
        return case


@pytest.fixture
def connection_case(db):
    from tests import migration_data

    migration_data.restore()  # a live-server test before this one may have flushed the routes and stages
    return ConnectionCaseFactory


@pytest.fixture
def make_officer(db, django_user_model):
    from cases.models import Unit

    def make(unit_code, username="officer"):
        unit = Unit.objects.get(code=unit_code)
        unit_group, _ = Group.objects.get_or_create(name=f"Unit {unit_code}")
        unit.officers = unit_group
        unit.save()
        user = django_user_model.objects.create_user(username=username, password=PASSWORD)
        user.groups.add(Group.objects.get(name="Сотрудники по обращениям"), unit_group)
        return user
    return make


@pytest.fixture
def admin_user_without_rights(db, django_user_model):
    user = django_user_model.objects.create_user("outsider", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
