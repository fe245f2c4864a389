"""Mark overdue cases and tell each unit's head (run daily from cron, e.g. 07:00)."""
from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cases import emails
from cases.models import CaseEvent, OutgoingEmail
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
