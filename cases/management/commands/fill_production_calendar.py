"""Enter the days off the Labour Code fixes for a year (run once a year, before the decree).

The government's decree on moving days off (usually signed in September for the next year)
adds further transfers and January changes: administrators enter those in the admin under
"Настройки обращений → Производственный календарь". Existing entries are never changed.
"""
from django.core.management.base import BaseCommand, CommandError

from cases.models import CalendarDay
from cases.rules.deadlines import statutory_days_off


class Command(BaseCommand):
    help = "Add the statutory public holidays of YEAR to the production calendar (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"Year {year} is out of range 2000–2100.")
        added = 0
        days = statutory_days_off(year)
        for day, name_ru, name_en, _moved_from in days:
            _entry, created = CalendarDay.objects.get_or_create(date=day, defaults={
                "kind": CalendarDay.HOLIDAY, "name": name_ru, "name_ru": name_ru, "name_en": name_en})
            added += created
        self.stdout.write(f"year={year} added={added} already_present={len(days) - added}")
        self.stdout.write("Enter the transfers of the government's decree for this year in the admin.")
