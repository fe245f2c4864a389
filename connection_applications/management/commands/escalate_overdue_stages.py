"""Mark overdue stages of connection applications and tell each unit's head (run daily from cron
after ``escalate_overdue``, e.g. 07:05). Each stage is escalated once; a stage waiting only for
the applicant is not (``rules.stages.needs_escalation``)."""
from django.core.management.base import BaseCommand

from connection_applications.services import escalate_overdue


class Command(BaseCommand):
    help = "Mark overdue stages of connection applications and notify the heads of their units."

    def handle(self, *args, **options):
        overdue, newly, notified = escalate_overdue()
        self.stdout.write(f"overdue_stages={overdue} newly_marked={newly} heads_notified={notified}")
