"""The connection stages on the citizen's status page (registered with ``cases.status_sections``)
and the application opened for every new connection case (a ``post_save`` receiver on the case)."""
import logging

from django.db import transaction
from django.utils import timezone

from cases.request_types import CONNECTION
from connection_applications.models import ConnectionApplication
from connection_applications.services import open_application, timeline_for

log = logging.getLogger(__name__)


def status_section(case, request):
    """A step-by-step timeline of the case's connection application, or None if it has none."""
    application = (ConnectionApplication.objects.select_related("stage")
                   .filter(case_id=case.pk).first())
    if application is None:
        return None
    return "connection_applications/status_section.html", {
        "application": application, "steps": timeline_for(application), "today": timezone.localdate()}


def open_on_new_case(sender, instance, created, raw=False, **kwargs):
    """A new connection case starts its application at the first stage. A failure here is
    logged and never stops the case from being registered (an officer opens it later)."""
    if not created or raw:
        return
    if instance.request_type != CONNECTION:
        return
    try:
        with transaction.atomic():
            open_application(instance)
    except Exception:
        log.exception("could not open the connection application of case %s", instance.pk)
