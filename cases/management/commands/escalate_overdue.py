"""Mark overdue cases and tell each unit's head (run daily from cron, e.g. 07:00)."""
from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cases import emails
from cases.models import CalendarDay, CaseEvent, OutgoingEmail
from cases.rules.deadlines import years_without_calendar
from cases.services import overdue_cases


class Command(BaseCommand):
    help = "Mark overdue open cases and notify the heads of their units."

    def handle(self, *args, **options):
        now = timezone.now()
        by_unit = defaultdict(list)
        with transaction.atomic():
            overdue = list(overdue_cases().select_related("unit"))
            newly = [case for case in overdue if case.overdue_notified_at is None]
            for case in newly:
                case.overdue_notified_at = now
                case.save(update_fields=["overdue_notified_at"])
                CaseEvent.objects.create(case=case, kind=CaseEvent.OVERDUE,
                                         new_value=case.due_date.strftime("%d.%m.%Y"))
                by_unit[case.unit].append(case)
            notified = 0
            for unit, cases in by_unit.items():
                recipient = unit.head_email or unit.email
                if recipient and not unit.is_third_party:
                    emails.queue(None, OutgoingEmail.OVERDUE, recipient, "overdue",
                                 {"unit": unit, "cases": cases}, "ru")
                    notified += 1
        self.stdout.write(f"overdue={len(overdue)} newly_marked={len(newly)} heads_notified={notified}")
        # Deadlines in a year the calendar does not know skip weekends only: say so every day.
        known = {day.year for day in CalendarDay.objects.dates("date", "year")}
        missing = years_without_calendar(timezone.localdate(), known)
        if missing:
            years = ", ".join(map(str, missing))
            self.stderr.write(f"WARNING: the production calendar has no entries for {years}: run "
                              f"`manage.py fill_production_calendar YEAR` and enter the decree's transfers.")
