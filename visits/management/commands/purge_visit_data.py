"""Erase visitors' personal data from bookings past the retention period (run daily from cron);
see visits.rules.retention."""
from django.core.management.base import BaseCommand

from visits import services


class Command(BaseCommand):
    help = "Anonymise visit bookings whose visit is past the retention period."

    def handle(self, *args, **options):
        self.stdout.write(f"anonymised={services.anonymise_old()}")
