"""Demo accounts, one per editorial role. For demonstration only: never use these on a real site."""
import hashlib
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import roles

DEFAULT_PASSWORD = "demo-okno-2026"  # documented in the README; override with DEMO_PASSWORD
ACCOUNTS = [  # username, group, superuser, first name, last name
    ("admin", roles.ADMINISTRATORS, True, "Анна", "Администраторова"),
    ("editor", roles.EDITORS, False, "Елена", "Редакторова"),
    ("moderator", roles.MODERATORS, False, "Михаил", "Модераторов"),
    ("caseofficer", roles.CASE_OFFICERS, False, "Сергей", "Обращенцев"),
]


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def load():
    """Create or update the accounts; returns [(username, group name)]."""
    user_model = get_user_model()
    password = demo_password()
    made = []
    for username, group_name, superuser, first, last in ACCOUNTS:
        group, _created = Group.objects.get_or_create(name=group_name)
        user = user_model.objects.filter(username=username).first() or user_model(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@example.invalid"
        user.is_staff = True
        user.is_superuser = superuser
        user.is_active = True
        if not _password_unchanged(user, password):  # hashing is slow: skip it when nothing changed
            user.set_password(password)
        user.save()
        _remember_password(user, password)
        user.groups.add(group)
        if group_name == roles.CASE_OFFICERS:
            _join_case_units(user)
        made.append((username, group_name))
    return made


def give_centres_their_staff():
    """Each demo centre's bookings are seen by customer service's officers (``visits.access``):
    its settings row names that unit's group. Centres that already have settings keep them."""
    from cases.models import Unit
    from cms_pages.models.service_centres import ServiceCentrePage
    from visits.models import VisitSettings

    unit = Unit.objects.filter(code="customer_service").exclude(officers=None).first()
    if unit is None:
        return
    for centre in ServiceCentrePage.objects.all():
        VisitSettings.objects.get_or_create(centre=centre, defaults={"staff": unit.officers})


def unit_group_name(unit):
    """The demo's officers group of a unit, named for the people in it (shown in the admin)."""
    return f"Сотрудники подразделения «{unit.name}»"[:150]


def _join_case_units(user):
    """Case officers see only their units' cases: give each unit a group and put the demo officer in all."""
    from cases.models import Unit

    for unit in Unit.objects.filter(kind=Unit.INTERNAL):
        if unit.officers_id is None:
            unit.officers, _created = Group.objects.get_or_create(name=unit_group_name(unit))
            unit.save(update_fields=["officers"])
        user.groups.add(unit.officers)


def _fingerprint(user, password):
    return hashlib.sha256(f"{user.username}\0{password}\0{user.password}".encode()).hexdigest()


def _password_unchanged(user, password):
    """True if this run's password was set by load_demo and the stored hash is still the one it made."""
    from demo.models import DemoObject

    if not user.pk or not user.password:
        return False
    record = DemoObject.objects.filter(key=f"account/{user.username}").first()
    return record is not None and record.digest == _fingerprint(user, password)


def _remember_password(user, password):
    from demo.models import DemoObject

    DemoObject.objects.update_or_create(
        key=f"account/{user.username}",
        defaults={"model": user._meta.label, "object_id": user.pk, "digest": _fingerprint(user, password)})
