"""Case intake's readiness figure, registered with ops (ops/health.py) in CasesConfig.ready()."""
from cases.models import OutgoingEmail


def pending_emails():
    """How many e-mails are waiting to be sent (a count only: never who or what)."""
    return OutgoingEmail.objects.exclude(status=OutgoingEmail.SENT).count()
