"""CSV import: preview, commit, rejected rows, malformed files; through the importer and the admin."""
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from outages import importer
from outages.models import ImportBatch, Outage, Street
from tests.outages import factories as f

pytestmark = pytest.mark.django_db

HEADER = "номер;населённый пункт;улица;дома;начало;окончание;вид;причина;рэс\n"


def day(n):
    return (timezone.localdate() + datetime.timedelta(days=n)).strftime("%d.%m.%Y")


@pytest.fixture
def places():
    kotlas = f.settlement("Котлас", slug="kotlas")
    f.street(kotlas, "ул. Ленина")
    f.street(kotlas, "пр-т Мира")
    return kotlas


def good_csv():
    return (HEADER
            + f"A-1;Котлас;улица Ленина;1-15 нечётные;{day(1)} 09:00;{day(1)} 17:00;плановое;Замена опор;kotlas\n"
            + f"A-1;г. Котлас;Мира пр-т;;{day(1)} 09:00;{day(1)} 17:00;плановое;Замена опор;kotlas\n"
            + f"A-2;Котлас;;;{day(2)} 10:00;{day(2)} 12:00;аварийное;Ремонт линии;Котласский РЭС\n")


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.invalid", "pw")
    client.force_login(user)
    return client


def upload(admin_client, content, name="outages.csv"):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    return admin_client.post("/admin/outages_import/", {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_preview_then_commit_through_the_admin(admin_client, places):
    response = upload(admin_client, good_csv())
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    preview = admin_client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200 and "Новых отключений" in html and "Загрузить" in html
    assert Outage.objects.count() == 0  # preview changes nothing
    response = admin_client.post(f"/admin/outages_import/{batch.pk}/commit/", {"action": "commit"})
    assert response.status_code == 302
    assert Outage.objects.count() == 2
    a1 = Outage.objects.get(external_id="A-1")
    assert [str(loc) for loc in a1.locations.all()] == ["Котлас, ул. Ленина, дома 1-15 нечётные", "Котлас, пр-т Мира"]
    assert Outage.objects.get(external_id="A-2").kind == "emergency"
    batch.refresh_from_db()
    assert batch.state == ImportBatch.COMMITTED and batch.created_count == 2
    # committing twice does nothing more
    admin_client.post(f"/admin/outages_import/{batch.pk}/commit/", {"action": "commit"})
    assert Outage.objects.count() == 2


def test_reimport_updates_and_reports_changes(places):
    importer.commit(ImportBatch.objects.create(filename="a", content=good_csv(), encoding="UTF-8", delimiter=";"))
    changed = good_csv().replace(f"{day(2)} 12:00", f"{day(2)} 14:00")
    plan = importer.build_plan(changed)
    assert plan.count("updated") == 1 and plan.count("unchanged") == 1 and plan.count("new") == 0
    assert [o.changes for o in plan.outages if o.change == "updated"] == [["окончание"]]
    importer.commit(ImportBatch.objects.create(filename="b", content=changed, encoding="UTF-8", delimiter=";"))
    assert Outage.objects.count() == 2
    assert timezone.localtime(Outage.objects.get(external_id="A-2").ends_at).hour == 14


def test_bad_rows_are_reported_and_nothing_is_imported(admin_client, places):
    bad = (good_csv()
           + f"B-1;Нетгорода;;;{day(1)} 09:00;{day(1)} 10:00;плановое;Работы;kotlas\n"
           + f"B-2;Котлас;;;31.02.2026 09:00;{day(1)} 10:00;плановое;Работы;kotlas\n"
           + f"B-3;Котлас;;;{day(1)} 12:00;{day(1)} 10:00;плановое;Работы;kotlas\n"
           + f"B-4;Котлас;;;{day(1)} 09:00;{day(1)} 10:00;какое-то;Работы;kotlas\n"
           + f"B-5;Котлас;ул. Ленина;десятый;{day(1)} 09:00;{day(1)} 10:00;плановое;Работы;kotlas\n"
           + f"B-6;Котлас;ул. Неизвестная;;{day(1)} 09:00;{day(1)} 10:00;плановое;;kotlas\n")
    response = upload(admin_client, bad)
    batch = ImportBatch.objects.get()
    html = admin_client.get(response["Location"]).content.decode()
    for message in ["населённый пункт не найден в справочнике", "дата не читается", "окончание не позже начала",
                    "неизвестный вид", "номера домов не читаются", "улица не найдена", "не заполнено"]:
        assert message in html
    assert "Ничего не загружено" in html and 'value="commit"' not in html
    admin_client.post(f"/admin/outages_import/{batch.pk}/commit/", {"action": "commit"})
    assert Outage.objects.count() == 0  # the good rows were not half-imported
    with pytest.raises(importer.FileProblem):
        importer.commit(batch)


def test_unknown_streets_can_be_added_on_request(places):
    content = HEADER + f"C-1;Котлас;ул. Новая;;{day(1)} 09:00;{day(1)} 10:00;плановое;Работы;kotlas\n"
    assert not importer.build_plan(content).ok
    batch = ImportBatch.objects.create(filename="c", content=content, encoding="UTF-8", delimiter=";")
    importer.commit(batch, create_streets=True)
    assert Street.objects.filter(settlement=places, key="новая").exists()
    assert Outage.objects.get(external_id="C-1").locations.get().street.name == "ул. Новая"


def test_cp1251_and_comma_delimiter_are_read(admin_client, places):
    content = good_csv().replace(";", ",").encode("cp1251")
    response = upload(admin_client, content)
    assert response.status_code == 302
    html = admin_client.get(response["Location"]).content.decode()
    assert "Windows-1251" in html and "запятая" in html and "Загрузить" in html


def test_english_headers_in_any_order(places):
    content = ("kind\tsettlement\tstart\tend\treason\tstreet\n"
               f"planned\tKotlas\t{day(1)} 09:00\t{day(1)} 10:00\tWorks\tЛенина\n")
    places.name_en = "Kotlas"
    places.save()
    plan = importer.build_plan(content)
    assert plan.ok and plan.delimiter == "\t" and plan.outages[0].district.code == "kotlas"


@pytest.mark.parametrize("content,message", [
    ("населённый пункт;начало\nКотлас;01.01.2026 10:00\n", "Не найдены обязательные столбцы: окончание, вид, причина"),
    (HEADER, "нет ни одной строки с данными"),
    (b"", "Файл пустой"),
    (b"PK\x03\x04" + b"\x00" * 100, "Это файл Excel"),
    (bytes(range(256)) * 40, "не похож на текстовую таблицу"),
])
def test_malformed_files_get_a_clear_report(admin_client, places, content, message):
    response = upload(admin_client, content)
    html = response.content.decode() if response.status_code != 302 else admin_client.get(response["Location"]).content.decode()
    assert response.status_code in (302, 400)
    assert message in html
    assert Outage.objects.count() == 0


def test_ten_megabytes_of_junk_is_refused_plainly(admin_client, places):
    junk = (b"lorem;ipsum\x01" * (10 * 1024 * 1024 // 12 + 1))
    response = upload(admin_client, junk, name="junk.csv")
    assert response.status_code == 400
    assert "Файл больше 5 МБ" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_junk_text_under_the_limit_lists_missing_columns(admin_client, places):
    junk = ("кракозябры;" * 50 + "\n") * 2000
    response = upload(admin_client, junk)
    assert response.status_code == 400
    assert "Не найдены обязательные столбцы" in response.content.decode()


def test_import_requires_permission(client, places):
    user = get_user_model().objects.create_user("editor", "e@example.invalid", "pw")
    from django.contrib.auth.models import Permission
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/outages_import/").status_code in (302, 403)
