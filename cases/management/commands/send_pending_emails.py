"""Retry outgoing e-mails that were not sent (run every few minutes from cron)."""
from django.core.management.base import BaseCommand

from cases import emails


class Command(BaseCommand):
    help = "Send pending and failed messages from the case outbox."

    def handle(self, *args, **options):
        sent = failed = 0
        for message in emails.pending().order_by("created_at"):
            if emails.send(message):
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"sent={sent} failed={failed}")
