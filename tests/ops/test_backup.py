"""Backup and restore round trip on the database in use (SQLite or PostgreSQL) and media."""
import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page


@pytest.fixture
def media_root(tmp_path):
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "picture.txt").write_text("pixels")
    with override_settings(MEDIA_ROOT=media):
        yield media


def test_backup_and_restore_round_trip(transactional_db, media_root, tmp_path):
    from tests.factories import SectionPageFactory, make_site

    home = make_site()
    kept = SectionPageFactory(parent=home, title="Тарифы", title_en="Tariffs")
    pages_before = Page.objects.count()

    call_command("backup", str(tmp_path / "backup"))

    # Damage both the data and the media after the backup.
    SectionPageFactory(parent=home, title="Лишняя страница")
    Page.objects.filter(pk=kept.pk).update(title="испорчено")
    (media_root / "original_images" / "picture.txt").unlink()

    call_command("restore", str(tmp_path / "backup"), "--yes")

    assert Page.objects.count() == pages_before
    assert Page.objects.get(pk=kept.pk).title == "Тарифы"
    assert (media_root / "original_images" / "picture.txt").read_text() == "pixels"


def test_restore_refuses_a_folder_that_is_not_a_backup(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore", str(tmp_path), "--yes")
