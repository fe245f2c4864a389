from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (SQLite backup API or pg_dump) and media into a folder."

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", help="folder to write (default: var/backups/<timestamp>)")

    def handle(self, target=None, **options):
        target = target or settings.VAR_DIR / "backups" / datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            manifest = create_backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{k}={v}" for k, v in manifest["counts"].items())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target} ({manifest['engine']}; {counts})"))
