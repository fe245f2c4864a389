"""Issue 17: nginx's cache generation (ops/frontend_cache.py), the link its cache key resolves.

Every change that can show on a page points the link to a new folder after the commit; the
folders are bounded; a link that cannot be changed never blocks publishing. The same through the
real nginx and gunicorn: tests/ops/test_deployed_cache_invalidation.py.
"""
import datetime
import logging
import os

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from ops import frontend_cache
from tools import nginx_conf


def generations(folder):
    return sorted(name for name in os.listdir(folder) if frontend_cache.GENERATION_NAME.match(name))


def test_each_generation_is_new_and_the_old_folders_are_bounded(tmp_path):
    link = tmp_path / "nginx-generation" / "current"
    made = [frontend_cache.write_generation(link) for _ in range(frontend_cache.KEPT_GENERATIONS + 15)]

    assert len(set(made)) == len(made)  # never the same key twice
    assert os.readlink(link) == made[-1]  # relative, inside the folder
    assert os.path.realpath(link) == str(link.parent / made[-1])  # what nginx's $realpath_root sees
    # The newest plus KEPT_GENERATIONS before it stay (a worker may still be resolving one), no more.
    assert generations(link.parent) == sorted(made[-(frontend_cache.KEPT_GENERATIONS + 1):])
    # Nothing else is left behind: no temporary links, only the link and the kept folders.
    assert sorted(os.listdir(link.parent)) == sorted(["current", *generations(link.parent)])


def test_names_sort_in_the_order_they_were_made_and_other_entries_are_left_alone(tmp_path):
    link = tmp_path / "current"
    nginx_conf.ensure_generation_link(link)  # what tools/nginx_conf.py makes first: "g-initial"
    (tmp_path / "g-notes").write_text("not a generation")
    made = [frontend_cache.write_generation(link) for _ in range(frontend_cache.KEPT_GENERATIONS + 3)]
    assert made == sorted(made)
    assert (tmp_path / "g-initial").is_dir() and (tmp_path / "g-notes").read_text() == "not a generation"


def test_the_link_is_made_at_start_if_missing_and_an_existing_one_is_kept(tmp_path, settings):
    link = tmp_path / "var" / "nginx-generation" / "current"
    settings.FRONTEND_CACHE_GENERATION_LINK = str(link)
    frontend_cache.ensure_generation_link()
    first = os.readlink(link)
    assert frontend_cache.GENERATION_NAME.match(first)
    frontend_cache.ensure_generation_link()  # a second worker starting: the generation stays
    assert os.readlink(link) == first

    os.rmdir(link.parent / first)  # a broken link (its folder removed by hand) is made anew
    frontend_cache.ensure_generation_link()
    assert os.readlink(link) != first and link.exists()


@pytest.fixture
def link(tmp_path, settings):
    path = tmp_path / "nginx-generation" / "current"
    settings.FRONTEND_CACHE_GENERATION_LINK = str(path)
    frontend_cache.ensure_generation_link()
    return path


def changes_after_commit(link, django_capture_on_commit_callbacks, change):
    """Run ``change`` in a transaction: the link must stay until the commit and move right after."""
    before = os.readlink(link)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            change()
            assert os.readlink(link) == before, "a new generation before the commit"
    return os.readlink(link) != before


def test_every_event_that_changes_a_page_starts_a_new_generation_after_the_commit(
        link, home, django_capture_on_commit_callbacks):
    from cms_pages.models import AlertBanner
    from tests.factories import AlertBannerFactory, ContentPageFactory, LegalActFactory, SectionPageFactory

    section = SectionPageFactory(parent=home)
    other = SectionPageFactory(parent=home)
    page = ContentPageFactory(parent=section)

    def edit_and_publish():
        page.title = "Доступность: обновлено"
        page.save_revision().publish()

    def schedule_and_go_live():
        page.title = "Доступность с понедельника"
        page.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(minutes=1))
        import time_machine

        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            call_command("publish_scheduled", stdout=open(os.devnull, "w"))

    events = {
        "publish": edit_and_publish,
        "unpublish": lambda: page.specific.unpublish(),
        "scheduled go-live": schedule_and_go_live,
        "move": lambda: page.specific.move(other, pos="last-child"),
        "alert saved": lambda: AlertBannerFactory(title="Авария на подстанции"),
        "alert deleted": lambda: AlertBanner.objects.get(title="Авария на подстанции").delete(),
        "legal act saved": lambda: LegalActFactory(number="12-э/1"),
        "page deleted": lambda: page.specific.delete(),
    }
    seen = {os.readlink(link)}
    for event, change in events.items():
        assert changes_after_commit(link, django_capture_on_commit_callbacks, change), event
        assert os.readlink(link) not in seen, event
        seen.add(os.readlink(link))


def test_a_link_that_cannot_be_changed_never_fails_publishing(tmp_path, settings, home, caplog,
                                                              django_capture_on_commit_callbacks):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")  # the link's folder is a file: every write fails
    settings.FRONTEND_CACHE_GENERATION_LINK = str(blocker / "current")
    home.title = "Единое окно — обновлено"
    with caplog.at_level(logging.ERROR, logger="ops.frontend_cache"):
        with django_capture_on_commit_callbacks(execute=True):
            home.save_revision().publish()
    home.refresh_from_db()
    assert home.live and home.title == "Единое окно — обновлено"
    assert any("could not start a new generation" in record.getMessage() for record in caplog.records)
