import json

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_answers_without_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_and_search_without_personal_data(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["search"]["ok"] is True
    assert "@" not in json.dumps(body)


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    from ops import views

    monkeypatch.setattr(views, "_database_ok", lambda: False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_security_headers_on_public_pages(client, home):
    response = client.get("/ru/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) >= 16


def test_incoming_request_id_is_kept_when_sane_and_replaced_when_not(client, home):
    assert client.get("/ru/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    assert client.get("/ru/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_anonymous_page_is_publicly_cacheable_and_admin_is_not(client, home, admin_user):
    page = client.get("/ru/")
    assert "public" in page["Cache-Control"] and "max-age=" in page["Cache-Control"]
    assert "Cookie" in page["Vary"]
    client.force_login(admin_user)
    logged_in = client.get("/ru/")
    assert "private" in logged_in["Cache-Control"] and "no-store" in logged_in["Cache-Control"]
    admin = client.get("/admin/")
    assert "public" not in admin.get("Cache-Control", "")


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_is_throttled_after_repeated_failures(client, admin_user):
    for _ in range(3):
        response = client.post("/admin/login/", {"username": admin_user.username, "password": "wrong"})
        assert response.status_code in (200, 429)
    blocked = client.post("/admin/login/", {"username": admin_user.username, "password": "password"})
    assert blocked.status_code == 429


@pytest.mark.django_db
def test_readyz_counts_unsent_emails(client):
    from cases.models import OutgoingEmail

    OutgoingEmail.objects.create(kind=OutgoingEmail.ACK, to="a@example.invalid", subject="s", body="b")
    OutgoingEmail.objects.create(kind=OutgoingEmail.ACK, to="b@example.invalid", subject="s", body="b",
                                 status=OutgoingEmail.SENT)
    assert client.get("/readyz").json()["pending_emails"] == 1


@pytest.mark.django_db
def test_readyz_reports_the_search_fallback_when_elasticsearch_is_down(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["search"]["fallback"] is True and body["search"]["engine"] == "embedded"


@pytest.mark.django_db
def test_readyz_is_503_when_a_registered_check_is_not_ok_and_never_500_when_one_raises(client):
    from ops import health

    def broken():
        raise RuntimeError("boom")

    try:
        health.register("test_not_ok", lambda: {"ok": False, "why": "queue stuck"}, needs_database=False)
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["test_not_ok"] == {"ok": False, "why": "queue stuck"}
        health.register("test_not_ok", broken, needs_database=False)
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["test_not_ok"] == {"ok": False, "error": "check failed"}
    finally:
        health._CHECKS.pop("test_not_ok", None)
    assert client.get("/readyz").status_code == 200
