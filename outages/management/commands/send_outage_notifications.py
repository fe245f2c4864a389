from django.core.management.base import BaseCommand

from outages import notifications


class Command(BaseCommand):
    help = "Send pending outage notices to confirmed subscribers (run by cron; never sends a notice twice)."

    def add_arguments(self, parser):
        parser.add_argument("--no-purge", action="store_true", help="Keep unconfirmed subscriptions older than 7 days.")

    def handle(self, *args, **options):
        sent = notifications.send_notifications()
        purged = 0 if options["no_purge"] else notifications.purge_unconfirmed()
        self.stdout.write(f"outage notices sent: {sent}; unconfirmed subscriptions deleted: {purged}")
