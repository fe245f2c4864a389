"""Anonymise closed cases whose retention period is over (run daily; safe to run again)."""
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cases.models import Case, CaseEvent, OutgoingEmail, RoutingRule
from cases.rules.retention import purge_due

REMOVED = "—"


class Command(BaseCommand):
    help = "Anonymise personal data of closed cases past their retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        retention = dict(RoutingRule.objects.values_list("request_type", "retention_days"))
        checked = purged = 0
        for case in Case.objects.filter(status=Case.CLOSED, anonymised_at__isnull=True,
                                        closed_at__isnull=False).iterator():
            checked += 1
            if not purge_due(case.closed_at, retention.get(case.request_type, 1095), now):
                continue
            purged += 1
            if not dry_run:
                anonymise(case, now)
        self.stdout.write(f"checked={checked} anonymised={purged}{' (dry run)' if dry_run else ''}")


@transaction.atomic
def anonymise(case, now):
    for attachment in case.attachments.all():
        attachment.file.delete(save=False)
    case.attachments.all().delete()
    case.applicant_name = REMOVED
    case.email = case.phone = case.postal_address = case.site_address = ""
    case.account_number = case.application_number = ""
    case.message = REMOVED
    case.details = {}
    case.extension_reason = case.referral_reason = ""  # officers' words to the applicant, may name them
    case.anonymised_at = now
    case.save()
    case.notes.all().update(text=REMOVED)
    case.replies.all().update(text=REMOVED)
    case.events.exclude(kind=CaseEvent.PURGED).update(text="")
    OutgoingEmail.objects.filter(case=case).update(to=REMOVED, body=REMOVED)
    CaseEvent.objects.create(case=case, kind=CaseEvent.PURGED, created_at=now)
