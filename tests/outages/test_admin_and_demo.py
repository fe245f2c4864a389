"""Editors' side: snippets in the admin, the status timeline, and the demo data command."""
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command

from outages import status as st
from outages.models import Outage, OutageEvent, OutageLocation, Settlement
from tests.outages import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.invalid", "pw"))
    return client


def test_status_timeline(client):
    kotlas = f.settlement()
    outage = f.outage([(kotlas, None, "")], starts_in=-datetime.timedelta(minutes=5))
    outage.set_status(st.IN_PROGRESS, "Бригада на месте")
    outage.ends_at += datetime.timedelta(hours=1)
    outage.save()
    outage.set_status(st.RESTORED, "Электроснабжение восстановлено")
    kinds = list(outage.events.values_list("kind", "status"))
    assert kinds == [("created", "announced"), ("status", "in_progress"), ("message", "in_progress"),
                     ("time", "in_progress"), ("status", "restored"), ("message", "restored")]
    with pytest.raises(st.StatusChangeError):
        outage.set_status(st.CANCELLED)
    outage.status = st.ANNOUNCED
    with pytest.raises(ValidationError) as exc:
        outage.full_clean()
    assert "status" in exc.value.message_dict


def test_location_rules():
    kotlas = f.settlement("Котлас", slug="kotlas")
    onega = f.settlement("Онега", slug="onega")
    street = f.street(onega, "ул. Шаревского")
    outage = f.outage([(kotlas, None, "")])
    with pytest.raises(ValidationError) as exc:
        OutageLocation(outage=outage, settlement=kotlas, street=street, houses="пять").full_clean()
    assert {"street", "houses"} <= set(exc.value.message_dict)


def test_admin_lists_and_edit_form(admin_client):
    kotlas = f.settlement()
    outage = f.outage([(kotlas, None, "")])
    for url in ["/admin/snippets/outages/outage/", "/admin/snippets/outages/settlement/",
                "/admin/snippets/outages/street/", "/admin/snippets/outages/networkdistrict/",
                f"/admin/snippets/outages/outage/edit/{outage.pk}/", "/admin/snippets/outages/outage/add/",
                "/admin/outages_import/"]:
        assert admin_client.get(url).status_code == 200, url


def test_demo_command_is_idempotent():
    call_command("load_demo_outages", stdout=open("/dev/null", "w"))
    counts = (Settlement.objects.count(), Outage.objects.count(), OutageLocation.objects.count())
    call_command("load_demo_outages", stdout=open("/dev/null", "w"))
    assert (Settlement.objects.count(), Outage.objects.count(), OutageLocation.objects.count()) == counts
    assert {"Архангельск", "Северодвинск", "Котлас", "Новодвинск", "Онега"} <= set(
        Settlement.objects.values_list("name_ru", flat=True))
    assert Outage.objects.filter(kind=st.EMERGENCY, status=st.IN_PROGRESS).count() == 1
    assert Outage.objects.filter(kind=st.PLANNED).count() >= 4
    assert OutageEvent.objects.exists()
