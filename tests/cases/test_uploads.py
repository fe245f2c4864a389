"""Uploads of the public form: a per-address limit that keeps what was typed, drafts' files that
expire with the draft (purge_abandoned_uploads), hostile file names and bodies the site cannot read."""
import datetime
import io
import os
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image

from cases.models import Case, CaseAttachment, private_storage
from tests.cases.helpers import Journey

pytestmark = pytest.mark.django_db


def png(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def private_root(tmp_path, settings):
    settings.CASES_PRIVATE_ROOT = tmp_path
    return tmp_path


def stored(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_upload_limit_per_address_keeps_the_typed_text(journey, private_root, settings):
    settings.CASES_UPLOAD_LIMIT = "3/3600"
    journey.choose("other")
    response = journey.details({"message": "Первое", "attachments": [png("a.png"), png("b.png")]})
    assert response.status_code == 302
    # Another visitor (another session) from the same address: one more file passes, then the limit.
    neighbour = Journey(Client())
    neighbour.choose("other")
    response = neighbour.details({"message": "Мой текст остаётся", "attachments": [png("c.png"), png("d.png")]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "загружено слишком много файлов (не больше 3 в час)" in html and "«d.png» не добавлен" in html
    assert "Мой текст остаётся" in html and "c.png" in html
    assert len(stored(private_root)) == 3
    # From another address the limit has not been touched.
    elsewhere = Journey(Client(REMOTE_ADDR="198.51.100.20"))
    elsewhere.choose("other")
    assert elsewhere.details({"message": "Другой адрес", "attachments": [png("e.png")]}).status_code == 302


def test_upload_limit_message_in_english(private_root, settings):
    settings.CASES_UPLOAD_LIMIT = "1/3600"
    journey = Journey(Client(), lang="en")
    journey.choose("other")
    response = journey.details({"message": "Kept text", "attachments": [png("a.png"), png("b.png")]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Too many files have been uploaded from your address" in html and "Kept text" in html


def test_abandoned_drafts_uploads_are_purged_sent_and_live_ones_kept(private_root, django_capture_on_commit_callbacks):
    sent = Journey(Client())
    sent.choose("other")
    sent.details({"message": "С файлом", "attachments": [png("sent.png")]})
    sent.contact()
    response, token = sent.submit()
    attachment = CaseAttachment.objects.get(case=Case.objects.get(submission_key=token))

    live = Journey(Client())
    live.choose("other")
    live.details({"message": "Черновик", "attachments": [png("draft.png")]})

    abandoned = Journey(Client())
    abandoned.choose("other")
    abandoned.details({"message": "Брошен", "attachments": [png("abandoned.png")]})
    abandoned_key = abandoned.client.session.session_key
    Session.objects.filter(session_key=abandoned_key).update(expire_date=timezone.now() - datetime.timedelta(days=1))
    assert len(stored(private_root)) == 3

    out = io.StringIO()
    call_command("purge_abandoned_uploads", stdout=out)  # files younger than an hour are kept
    assert "deleted=0" in out.getvalue() and len(stored(private_root)) == 3

    hour_ago = time.time() - 2 * 3600
    for path in private_root.rglob("*"):
        if path.is_file():
            os.utime(path, (hour_ago, hour_ago))
    out = io.StringIO()
    call_command("purge_abandoned_uploads", "--dry-run", stdout=out)
    assert "deleted=1 (dry run)" in out.getvalue() and len(stored(private_root)) == 3
    out = io.StringIO()
    call_command("purge_abandoned_uploads", stdout=out)
    assert "checked=3 deleted=1" in out.getvalue()
    left = stored(private_root)
    assert attachment.file.name in left and len(left) == 2
    assert private_storage().exists(attachment.file.name)
    # The live draft still sends with its file.
    live.contact()
    response, token = live.submit()
    assert CaseAttachment.objects.get(case=Case.objects.get(submission_key=token)).file.name in left


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "....//passwd"])
def test_path_traversal_file_names_are_refused_and_store_nothing(journey, private_root, name):
    journey.choose("other")
    response = journey.details({"message": "Текст на месте", "attachments": [
        SimpleUploadedFile(name, b"root:x:0:0:root:/root:/bin/bash\n", content_type="image/png")]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "должен быть в формате PDF, JPG или PNG" in html and "Текст на месте" in html
    assert stored(private_root) == []


def test_a_picture_with_a_climbing_name_is_stored_inside_private_storage(journey, private_root):
    journey.choose("other")
    assert journey.details({"message": "Фото", "attachments": [png("../../../../tmp/evil.png")]}).status_code == 302
    (path,) = stored(private_root)
    assert path.startswith("uploads/") and ".." not in path and "evil" not in path
    assert journey.client.session["cases_draft"]["files"][0]["name"] == "evil.png"


@pytest.mark.parametrize("lang,title", [("ru", "Слишком большой запрос"), ("en", "Request too large")])
def test_a_5_mb_body_gets_a_clear_413_in_the_visitors_language(journey, lang, title):
    journey.choose("other")
    response = journey.client.post(f"/{lang}/requests/new/details/", {"message": "а" * (5 * 1024 * 1024)})
    assert response.status_code == 413
    html = response.content.decode()
    assert title in html and f'lang="{lang}"' in html and "8-800-220-0-220" in html


def test_a_malformed_multipart_body_gets_a_clear_400(journey):
    journey.choose("other")
    response = journey.client.generic("POST", "/ru/requests/new/details/", b"--x\r\ngarbage",
                                      content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Форма пришла повреждённой" in response.content.decode()


def test_a_body_over_the_site_limit_is_refused_before_it_is_read(journey, settings):
    settings.REQUEST_BODY_MAX_SIZE = 1000
    response = journey.client.post("/en/requests/new/details/", {"message": "x" * 2000})
    assert response.status_code == 413 and "Request too large" in response.content.decode()


def test_nginx_accepts_exactly_the_apps_largest_request(settings):
    from tools.nginx_conf import TEMPLATE
    import re
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", TEMPLATE.read_text()).group(1))
    assert megabytes * 1024 * 1024 == settings.REQUEST_BODY_MAX_SIZE
    from cases.rules import attachments
    assert settings.REQUEST_BODY_MAX_SIZE >= attachments.MAX_FILES * attachments.MAX_SIZE



def test_signed_in_staff_filing_for_visitors_are_not_held_by_the_public_limits(client, private_root, settings,
                                                                               make_officer):
    settings.CASES_RATE_LIMIT = "1/3600"
    settings.CASES_UPLOAD_LIMIT = "1/3600"
    client.force_login(make_officer("customer_service"))
    journey = Journey(client)
    for number in range(3):
        journey.choose("other")
        assert journey.details({"message": f"Посетитель {number}", "attachments": [png(f"{number}.png")]}).status_code == 302
        journey.contact()
        assert journey.submit()[0].status_code == 302
    assert Case.objects.count() == 3
    anonymous = Journey(Client())
    anonymous.run("other", {"message": "Первый"})
    anonymous.choose("other")
    anonymous.details({"message": "Второй"})
    anonymous.contact()
    assert anonymous.submit()[0].status_code == 429
