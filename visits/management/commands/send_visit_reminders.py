"""E-mail tomorrow's visitors a reminder, once each (run daily from cron, e.g. at 10:00).

Running it again the same day, or two runs at once, sends nothing twice: each booking is
claimed by ``UPDATE … WHERE reminder_sent_at IS NULL`` before its mail is queued."""
from django.core.management.base import BaseCommand

from visits import services


class Command(BaseCommand):
    help = "Queue the day-before reminder of tomorrow's visit bookings (each booking once)."

    def handle(self, *args, **options):
        self.stdout.write(f"reminders={services.send_reminders()}")
