from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore_backup, row_counts


class Command(BaseCommand):
    help = "Restore the database and media from a folder written by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing the data")

    def handle(self, source, yes=False, **options):
        if not yes and options.get("interactive", True):
            answer = input("This replaces the current database and media. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore_backup(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        now = row_counts()
        mismatched = {k: (v, now.get(k)) for k, v in manifest["counts"].items() if now.get(k) != v}
        if mismatched:
            raise CommandError(f"Restored, but counts differ from the backup: {mismatched}")
        self.stdout.write(self.style.SUCCESS(f"Restored {source}; counts match the backup."))
