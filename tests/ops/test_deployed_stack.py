"""The documented deployment on loopback, attacked and used as it would be in production.

One stack per class (tools/production_stack.py): nginx from deploy/nginx.conf.template, gunicorn
with the production settings (TRUSTED_PROXIES at its production default, loopback), a scratch
database (SQLite, or a new PostgreSQL database when DATABASE_URL names a server). The clients bind
their sockets to different loopback source addresses (127.0.0.2 … 127.0.0.99): Linux routes the
whole 127.0.0.0/8 to the loopback interface, so nginx sees 30 different citizens.
"""
import http.client
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.cases.load_intake import CSRF_RE, one_case
from tests.server_process import ScratchDatabase
from tools import nginx_conf

pytestmark = pytest.mark.skipif(not nginx_conf.available(), reason="needs Debian nginx (bin/install installs it)")

EDITOR_PASSWORD = "Редактор-пароль-2026"
SETUP = """
import io
from django.contrib.auth.models import Group, User
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images.models import Image
from cases.models import private_storage
from django.core.files.base import ContentFile

editor = User.objects.create_user("editor", password=%(password)r, is_staff=True)
editor.groups.add(Group.objects.get(name="Редакторы"))
buffer = io.BytesIO()
Picture.new("RGB", (640, 400), (20, 90, 160)).save(buffer, "JPEG")
image = Image.objects.create(title="Подстанция", file=ImageFile(io.BytesIO(buffer.getvalue()), name="substation.jpg"))
print("rendition", image.get_rendition("width-320").url)
print("original", image.file.url)
print("private", private_storage().save("2026/12/secret-attachment.pdf", ContentFile(b"%%PDF-1.4 secret")))
from django.utils import timezone
from cases.services import register_case
for name in ("lookup", "forged"):
    case, _ = register_case(request_type="other", answers={"applicant_name": "Проверка", "email": "check@example.ru",
                            "message": "Проверка статуса"}, consent={"at": timezone.now(), "version": "t", "source": "test"})
    print(name, case.reference, case.access_code)
""" % {"password": EDITOR_PASSWORD}


def client(source):
    """A browser-like requests session whose connections leave from ``source`` (127.0.0.N)."""
    import requests
    from requests.adapters import HTTPAdapter

    class SourceAddressAdapter(HTTPAdapter):
        def init_poolmanager(self, connections, maxsize, block=False, **kwargs):
            super().init_poolmanager(connections, maxsize, block, source_address=(source, 0), **kwargs)

    class Browser(requests.Session):
        def request(self, *args, **kwargs):
            response = super().request(*args, **kwargs)
            # The production cookies are Secure; over plain-HTTP loopback keep them as if TLS ended in nginx.
            for cookie in self.cookies:
                cookie.secure = False
            return response

    session = Browser()
    session.mount("http://", SourceAddressAdapter())
    return session


def lookup(session, base, reference, code):
    page = session.get(base + "/ru/requests/status/", timeout=30)
    return session.post(base + "/ru/requests/status/", timeout=30, data={
        "reference": reference, "access_code": code, "csrfmiddlewaretoken": CSRF_RE.search(page.text).group(1)})


def admin_login(session, base, username, password):
    page = session.get(base + "/admin/login/", timeout=30)
    assert page.status_code == 200, page.status_code
    return session.post(base + "/admin/login/", allow_redirects=False, timeout=30, data={
        "username": username, "password": password, "next": "/admin/",
        "csrfmiddlewaretoken": CSRF_RE.search(page.text).group(1)})


def raw_request(url, head):
    """Send only ``head`` (request line and headers) and read the answer: a body that is announced
    but never sent must be refused from its Content-Length alone."""
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=("127.0.0.90", 0))
    connection.connect()
    connection.sock.sendall(head.encode())
    response = http.client.HTTPResponse(connection.sock, method="POST")
    response.begin()
    body = response.read().decode()
    connection.close()
    return response, body


@pytest.fixture(scope="class")
def stack(tmp_path_factory):
    from tools.production_stack import ProductionStack, django_output

    directory = tmp_path_factory.mktemp("deployed")
    started = time.monotonic()
    with ScratchDatabase(directory) as database:
        env_extra = {**database.env,
                     # Two cases an hour per address: if the app saw nginx's address instead of each
                     # citizen's, only two of the 30 would get a reference.
                     "CASES_RATE_LIMIT": "2/3600"}
        with ProductionStack(workers=3, temp_db=True, demo=False, env_extra=env_extra, prefix="deployed-") as running:
            assert "TRUSTED_PROXIES" not in running.env  # the production default (loopback) is what is tested
            output = dict(line.split(" ", 1) for line in django_output(running.env, SETUP).splitlines())
            running.media = output
            running.started_in = time.monotonic() - started
            yield running


class TestDeployedStack:
    def test_thirty_citizens_from_thirty_addresses_each_get_a_reference(self, stack, record_property):
        base = stack.nginx.url
        sources = [f"127.0.0.{n}" for n in range(2, 32)]
        started = time.monotonic()

        def file_one(index):
            try:
                return one_case(base, client(sources[index]), 700 + index)[0]
            except AssertionError as error:
                return f"failed: {error}"

        with ThreadPoolExecutor(10) as pool:
            references = list(pool.map(file_one, range(len(sources))))
        elapsed = time.monotonic() - started
        record_property("thirty_clients_seconds", round(elapsed, 1))
        print(f"\nmeasured: 30 clients, {sum(r.startswith('ЕО-') for r in references)} references "
              f"in {elapsed:.1f} s (stack up in {stack.started_in:.1f} s)")
        assert all(re.fullmatch(r"ЕО-\d{4}-[0-9A-Z]{5}", ref) for ref in references), references
        assert len(set(references)) == 30

        # The limit is still there, per address: a second case from 127.0.0.2 is allowed, a third is not.
        repeat = client("127.0.0.2")
        one_case(base, repeat, 800)
        with pytest.raises(AssertionError, match="submit.*429"):
            one_case(base, repeat, 801)
        one_case(base, client("127.0.0.3"), 802)  # …while its neighbour still files

    def test_admin_login_guessing_locks_the_guesser_only(self, stack):
        base = stack.nginx.url
        attacker = client("127.0.0.60")
        answers = [admin_login(attacker, base, "editor", f"wrong-{n}").status_code for n in range(8)]
        assert answers[0] == 200  # the form again, with "did not match"
        assert answers[-1] == 429, answers  # axes: locked for this username from this address

        editor = client("127.0.0.61")
        signed_in = admin_login(editor, base, "editor", EDITOR_PASSWORD)
        assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/admin/"
        assert editor.get(base + "/admin/", timeout=30).status_code == 200

        # The right password from the attacker's address does not get in while it is locked.
        assert admin_login(attacker, base, "editor", EDITOR_PASSWORD).status_code == 429

    def test_images_are_served_by_nginx_with_cache_headers_and_private_files_never(self, stack):
        base = stack.nginx.url
        for url in (stack.media["rendition"], stack.media["original"]):
            assert url.startswith("/media/images/") or url.startswith("/media/original_images/"), url
            response = client("127.0.0.70").get(base + url, timeout=30)
            assert response.status_code == 200, (url, response.status_code)
            assert response.headers["Content-Type"] == "image/jpeg"
            assert response.content[:3] == b"\xff\xd8\xff"
            assert response.headers["Cache-Control"] == "public, max-age=2592000"
            assert "X-Cache-Status" not in response.headers  # nginx itself, not the app
        private = stack.media["private"]
        for path in (f"/media/../private/cases/{private}", f"/media/%2e%2e/private/cases/{private}",
                     f"/media/private/cases/{private}", f"/private/cases/{private}", "/media/documents/x.pdf"):
            response = client("127.0.0.70").get(base + path, timeout=30)
            assert response.status_code == 404, (path, response.status_code)
            assert b"%PDF-1.4 secret" not in response.content

    def test_status_lookup_limit_hits_only_the_address_that_guessed(self, stack):
        base = stack.nginx.url
        reference, code = stack.media["lookup"].split()
        wrong = "000000" if code != "000000" else "111111"
        guesser = client("127.0.0.40")
        answers = [lookup(guesser, base, reference, wrong).status_code for _ in range(10)]
        assert answers == [404] * 10
        assert lookup(guesser, base, reference, code).status_code == 429  # locked, even with the right code
        owner = client("127.0.0.41")
        found = lookup(owner, base, reference, code)
        assert found.status_code == 200 and reference in found.text

    def test_forged_forwarded_for_from_an_untrusted_address_changes_nothing(self, stack):
        reference, code = stack.media["forged"].split()
        wrong = "000000" if code != "000000" else "111111"
        # Straight to gunicorn from 127.0.0.50, which is not a trusted proxy, each guess claiming
        # another address, the last ones the owner's: the guesses all count against 127.0.0.50.
        direct = client("127.0.0.50")
        for n in range(10):
            forged = {"X-Forwarded-For": f"203.0.113.{n}" if n < 8 else "127.0.0.51", "X-Real-IP": "127.0.0.51"}
            page = direct.get(stack.app_url + "/ru/requests/status/", headers=forged, timeout=30)
            answer = direct.post(stack.app_url + "/ru/requests/status/", headers=forged, timeout=30, data={
                "reference": reference, "access_code": wrong,
                "csrfmiddlewaretoken": CSRF_RE.search(page.text).group(1)})
            assert answer.status_code == 404
        assert lookup(direct, stack.app_url, reference, code).status_code == 429
        owner = client("127.0.0.51")  # the address the forger named is not locked
        assert lookup(owner, stack.nginx.url, reference, code).status_code == 200

    def test_bad_bodies_get_a_clear_page_in_the_visitors_language(self, stack):
        base = stack.nginx.url
        visitor = client("127.0.0.80")
        page = visitor.get(base + "/ru/requests/new/", timeout=30)
        csrf = CSRF_RE.search(page.text).group(1)
        chosen = visitor.post(base + "/ru/requests/new/", allow_redirects=False, timeout=30,
                              data={"request_type": "other", "csrfmiddlewaretoken": csrf})
        assert chosen.status_code == 302

        # 5 MB of text: over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), under nginx's limit.
        for lang, title in (("ru", "Слишком большой запрос"), ("en", "Request too large")):
            too_big = visitor.post(f"{base}/{lang}/requests/new/details/", timeout=30,
                                   data={"message": "а" * (5 * 1024 * 1024), "csrfmiddlewaretoken": csrf})
            assert too_big.status_code == 413 and title in too_big.text and f'lang="{lang}"' in too_big.text

        # A multipart body without its boundary, and one cut off in the middle of a file.
        broken = visitor.post(base + "/en/requests/new/details/", data=b"--x\r\ngarbage", timeout=30,
                              headers={"Content-Type": "multipart/form-data"})
        assert broken.status_code == 400 and "The form arrived damaged" in broken.text
        cut = (b"--B\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n" + csrf.encode()
               + b"\r\n--B\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhello\r\n--B\r\n"
               b"Content-Disposition: form-data; name=\"attachments\"; filename=\"a.png\"\r\n"
               b"Content-Type: image/png\r\n\r\n\x89PNG\r\n")
        answer = visitor.post(base + "/ru/requests/new/details/", data=cut, timeout=30, allow_redirects=False,
                              headers={"Content-Type": "multipart/form-data; boundary=B"})
        assert answer.status_code in (302, 400), answer.status_code

        # A file named to climb out of the upload folder: refused by its content, stored nowhere.
        traversal = visitor.post(base + "/ru/requests/new/details/", timeout=30, data={
            "message": "Текст остаётся", "csrfmiddlewaretoken": csrf},
            files={"attachments": ("../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\n", "image/png")})
        assert traversal.status_code == 400
        assert "должен быть в формате PDF, JPG или PNG" in traversal.text and "Текст остаётся" in traversal.text

        # Over nginx's client_max_body_size (53 MB, the app's REQUEST_BODY_MAX_SIZE): nginx's own
        # friendly page; straight to the app: the app's, both from Content-Length alone.
        head = ("POST /en/requests/new/details/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000000\r\n\r\n")
        response, body = raw_request(base, head)
        assert response.status == 413 and "Request too large" in body and 'lang="en"' in body
        response, body = raw_request(stack.app_url, head.replace("/en/", "/ru/"))
        assert response.status == 413 and "Слишком большой запрос" in body and 'lang="ru"' in body

    def test_the_access_log_carries_no_subscription_token(self, stack):
        base = stack.nginx.url
        secret = "SeCrEtToKeN0123456789abcdef"
        browser = client("127.0.0.60")
        browser.get(f"{base}/ru/outages/unsubscribe/{secret}/", allow_redirects=False)
        browser.get(f"{base}/ru/", headers={"Referer": f"{base}/ru/outages/subscribe/confirm/{secret}/?x=1"})
        log_file = stack.nginx.prefix / "access.log"
        deadline = time.monotonic() + 10
        text = ""
        while time.monotonic() < deadline:  # the log is buffered for up to a second
            text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
            if "/ru/outages/unsubscribe/[token]/" in text and "subscribe/confirm/[token]/?x=1" in text:
                break
            time.sleep(0.3)
        assert "/ru/outages/unsubscribe/[token]/" in text
        assert "subscribe/confirm/[token]/?x=1" in text
        assert secret not in text

