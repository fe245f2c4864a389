"""Users in each editorial group, a draft content page, and helpers to post the page editor."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from editorial import roles
from tests.editorial.factories import ContentPageFactory

BACKEND = "django.contrib.auth.backends.ModelBackend"


def make_user(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.invalid", password="not-used-here-1")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", roles.EDITORS)


@pytest.fixture
def moderator(db):
    return make_user("moderator", roles.MODERATORS)


@pytest.fixture
def case_officer(db):
    return make_user("officer", roles.CASE_OFFICERS)


@pytest.fixture
def administrator(db):
    return make_user("admin", roles.ADMINISTRATORS)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user, backend=BACKEND)
        return client
    return _login


@pytest.fixture
def draft_page(home):
    """A content page that has never been published."""
    page = ContentPageFactory(parent=home, live=False)
    page.save_revision()
    return page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def editor_form_data(client, page, body_ru=(), body_en=(), **fields):
    """What the page editor would post: the form as rendered, with the bodies and fields given.

    StreamFields are drawn by JavaScript, so their data is built with Wagtail's test helpers.
    """
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    data = {key: value for key, value in data.items() if not key.startswith(("body_ru", "body_en"))}
    data.update(nested_form_data({"body_ru": streamfield(list(body_ru)), "body_en": streamfield(list(body_en))}))
    data.update(fields)
    return data
