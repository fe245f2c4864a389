"""Delete files that the public form's drafts uploaded but that never became part of a case.

The form keeps every accepted file at once (cases.views._save_uploads, private storage under
``uploads/``) and lists it in the visitor's session draft. A draft that is never sent dies with
its session; its files would stay on disk for ever. Run hourly or daily from cron (safe to run
again): a file under ``uploads/`` is deleted when no case attachment points at it, no unexpired
session's draft lists it, and it is older than ``--min-age`` minutes (default 60, so an upload
whose session is being saved right now is never touched). With a session engine that cannot be
searched (not the database), a file is kept for the whole session lifetime (SESSION_COOKIE_AGE)
after its upload instead.
"""
import datetime
import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cases.models import CaseAttachment, private_storage

UPLOADS = "uploads"
SEARCHABLE_SESSION_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}


def files_in_live_drafts(now):
    """Storage paths of files listed by the draft of any session that has not expired yet,
    or None if the session engine cannot be searched."""
    from django.contrib.sessions.models import Session

    from cases.views import SESSION_KEY

    if settings.SESSION_ENGINE not in SEARCHABLE_SESSION_ENGINES:
        return None
    paths = set()
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        try:
            draft = session.get_decoded().get(SESSION_KEY) or {}
        except Exception:  # noqa: BLE001 - a session that cannot be decoded lists no file
            continue
        for item in draft.get("files", []) if isinstance(draft, dict) else []:
            if isinstance(item, dict) and item.get("path"):
                paths.add(item["path"])
    return paths


def stored_uploads(storage, folder=UPLOADS):
    """Every file under ``folder`` of ``storage``: (name, modified time)."""
    if not storage.exists(folder):
        return
    directories, files = storage.listdir(folder)
    for name in files:
        path = f"{folder}/{name}"
        yield path, storage.get_modified_time(path)
    for directory in directories:
        yield from stored_uploads(storage, f"{folder}/{directory}")


class Command(BaseCommand):
    help = "Delete form uploads of drafts that were never sent (after their session has expired)."

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60,
                            help="minutes a file is kept at least (default 60)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, min_age=60, dry_run=False, **options):
        now = timezone.now()
        storage = private_storage()
        attached = set(CaseAttachment.objects.filter(file__startswith=f"{UPLOADS}/").values_list("file", flat=True))
        in_drafts = files_in_live_drafts(now)
        keep_for = datetime.timedelta(minutes=min_age)
        if in_drafts is None:
            keep_for = max(keep_for, datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE))
            in_drafts = set()
        checked = deleted = 0
        for path, modified in list(stored_uploads(storage)):
            checked += 1
            if path in attached or path in in_drafts or now - modified < keep_for:
                continue
            deleted += 1
            if not dry_run:
                storage.delete(path)
        if not dry_run:
            self._remove_empty_folders(storage)
        self.stdout.write(f"checked={checked} deleted={deleted}{' (dry run)' if dry_run else ''}")

    def _remove_empty_folders(self, storage):
        root = os.path.join(storage.location, UPLOADS)
        for folder, _dirs, _files in sorted(os.walk(root), reverse=True)[:-1] if os.path.isdir(root) else []:
            try:
                os.rmdir(folder)  # only succeeds when empty
            except OSError:
                pass
