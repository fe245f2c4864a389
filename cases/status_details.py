"""What the citizen's status page shows beyond the status word, and the download of the
documents an officer sent with a reply.

The page (``cases.views.status``) shows a case only to someone who gave its reference and access
code. That check is also what lets them download the reply's documents: on a successful lookup
the browser's session gets a grant for that case for ``GRANT_SECONDS``; the download URL
(``/<lang>/requests/status/document/<pk>/``) serves a document only under such a grant, for a
document of that very case sent with a reply. Without the code there is no grant: 404, the same
answer as for a document that does not exist. The applicant's own uploads are never served here.
"""
import time

from django.http import FileResponse, Http404
from django.utils import timezone
from django.views.decorators.cache import never_cache

from cases import services
from cases.models import CaseAttachment, CaseEvent

GRANT_KEY = "cases_status_grants"
GRANT_SECONDS = 3600


def grant(request, case):
    """Remember in the session that this browser gave the case's reference and access code."""
    grants = {key: at for key, at in (request.session.get(GRANT_KEY) or {}).items()
              if time.time() - at < GRANT_SECONDS}
    grants[str(case.pk)] = time.time()
    request.session[GRANT_KEY] = grants


def granted(request, case_id):
    at = (request.session.get(GRANT_KEY) or {}).get(str(case_id))
    return at is not None and time.time() - at < GRANT_SECONDS


def context(case, request):
    """The status page's replies, history, deadline changes, referral and callback window."""
    grant(request, case)
    replies = list(case.replies.prefetch_related("documents").order_by("created_at", "pk"))
    return {
        "replies": [] if case.anonymised_at else replies,
        "history": services.public_history(case),
        "callback_from": timezone.localtime(case.callback_from) if case.callback_from else None,
        "callback_to": timezone.localtime(case.callback_to) if case.callback_to else None,
        "due_at": timezone.localtime(case.due_at) if case.due_at else None,
    }


@never_cache
def document(request, pk):
    """A document sent with a reply, to the browser that opened the case with its code."""
    item = (CaseAttachment.objects.select_related("case").filter(pk=pk, reply__isnull=False).first())
    if item is None or item.case.anonymised_at or not granted(request, item.case_id):
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404
    CaseEvent.objects.create(case=item.case, kind=CaseEvent.VIEWED,
                             text=f"status page: {item.original_name}"[:2000])
    response = FileResponse(handle, as_attachment=True, filename=item.original_name,
                            content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
