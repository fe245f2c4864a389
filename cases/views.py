"""The public request form (one question set per page, answers kept in the session, works
without JavaScript), the confirmation page and the status check."""
import datetime
import hmac
import logging
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cases import forms, status_details, status_sections
from cases.models import Case, CaseEvent, ConsentText, SubmissionThrottle, private_storage
from cases.request_types import APPEAL, OUTAGE, REQUEST_TYPE_CHOICES
from cases.rules import attachments as attachment_rules
from cases.rules import reference as reference_rules
from cases.rules import routing, throttle
from cases.services import consent_record, register_case, route_for
from cms_pages.templatetags.contacts import current_hotline  # the site setting (ContactSettings)
from ops.client import client_digest
from outages.lookup import current_outages_matching

log = logging.getLogger(__name__)

SESSION_KEY = "cases_draft"
DONE_KEY = "cases_done"
URGENT_TYPES = {OUTAGE}
TYPE_LABELS = dict(REQUEST_TYPE_CHOICES)


# --- session helpers -------------------------------------------------------------------------

def _draft(request):
    return dict(request.session.get(SESSION_KEY) or {})


def _store(request, draft):
    request.session[SESSION_KEY] = draft
    request.session.modified = True


def _changing(request):
    return request.GET.get("change") == "1"


def _url(name, change=False):
    url = reverse(f"cases:{name}")
    return f"{url}?change=1" if change else url


def _client_key(request, prefix):
    return f"{prefix}:{client_digest(request)}"


# Per-client limits, "count/seconds", from settings or else the environment (docs/deployment.md,
# "Limits"). Every one is keyed on ops.client.client_address: behind the trusted nginx that is the
# citizen's address, never the proxy's. Sized so a service centre filing for its visitors from one
# address (or a mobile network's NAT) is not stopped: one case a minute, sustained for an hour.
LIMIT_DEFAULTS = {
    "CASES_RATE_LIMIT": "60/3600",      # cases submitted per client address (and per browser session)
    "CASES_STATUS_LIMIT": "10/900",     # wrong reference/access-code pairs per client address
    "CASES_UPLOAD_LIMIT": "100/3600",   # files uploaded to the form per client address
}


def _limit(name):
    default = throttle.parse_limit(LIMIT_DEFAULTS[name])
    return throttle.parse_limit(getattr(settings, name, None) or os.environ.get(name) or LIMIT_DEFAULTS[name],
                                default=default)


def _recent(key, seconds):
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    return SubmissionThrottle.objects.filter(key=key, created_at__gte=since).count()


def _staff(request):
    """Signed-in staff (a centre's officers filing for visitors: anyone who may use the admin) are
    not held by the public limits."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_active
                and (user.is_staff or user.has_perm("wagtailadmin.access_admin")))


def _render(request, template, context, status=200):
    form = context.get("form")
    has_errors = bool(context.get("has_errors") or (form is not None and form.is_bound and form.errors))
    context = {"show_feedback": False, "hotline": current_hotline(request), "has_errors": has_errors, **context}
    return render(request, template, context, status=status)


def _error_list(form):
    """Error summary entries: message and the id of the field to jump to."""
    items = []
    for name, errors in form.errors.items():
        anchor = ""
        if name in form.fields:
            widget = form.fields[name].widget
            anchor = f"id_{name}_0" if getattr(widget, "input_type", "") == "radio" else f"id_{name}"
        for error in errors:
            items.append({"message": error, "anchor": anchor})
    return items


# --- step 1: request type --------------------------------------------------------------------

@never_cache
def start(request):
    draft = _draft(request)
    change = _changing(request)
    if request.method == "POST":
        form = forms.TypeForm(request.POST)
        if form.is_valid():
            draft["type"] = form.cleaned_data["request_type"]
            _store(request, draft)
            return HttpResponseRedirect(_url("details", change))
        status = 400
    else:
        wanted = request.GET.get("type") or draft.get("type")
        earlier = reference_rules.normalise_reference(request.GET.get("ref", ""))
        if reference_rules.is_valid_reference(earlier):  # "appeal this answer" links carry the number
            draft.setdefault("details", {})["earlier_reference"] = earlier
            _store(request, draft)
        form = forms.TypeForm(initial={"request_type": wanted if wanted in TYPE_LABELS else None})
        status = 200
    chosen = form.data.get("request_type") if form.is_bound else form.initial.get("request_type")
    return _render(request, "cases/start.html", {
        "form": form, "errors": _error_list(form) if form.is_bound else [],
        "urgent": chosen in URGENT_TYPES, "change": change}, status)


# --- step 2: questions of the request type ----------------------------------------------------

def _save_uploads(request, draft, form):
    """Keep every acceptable file at once, so a mistake elsewhere on the page loses nothing."""
    files = list(draft.get("files", []))
    remove = set(request.POST.getlist("remove_files"))
    if remove:
        storage = private_storage()
        for item in files:
            if item["id"] in remove:
                storage.delete(item["path"])
        files = [item for item in files if item["id"] not in remove]
    problems = []
    uploads = request.FILES.getlist("attachments")
    upload_key = _client_key(request, "upload")
    upload_count, upload_seconds = _limit("CASES_UPLOAD_LIMIT")
    uploaded_recently = _recent(upload_key, upload_seconds) if uploads and not _staff(request) else 0
    for upload in uploads:
        if not _staff(request) and not throttle.allowed(uploaded_recently, upload_count):
            problems.append(ValidationError(
                _("С вашего адреса за последний час загружено слишком много файлов (не больше %(max)d в час). "
                  "Файл «%(name)s» не добавлен. Отправьте обращение без него или приложите файл позже.")
                % {"max": upload_count, "name": upload.name}))
            continue
        if len(files) >= attachment_rules.MAX_FILES:
            problems.append(ValidationError(_("Можно приложить не больше %(max)d файлов. Файл «%(name)s» не добавлен.")
                                            % {"max": attachment_rules.MAX_FILES, "name": upload.name}))
            continue
        try:
            content_type = attachment_rules.check_upload(upload)
        except ValidationError as error:
            problems.append(error)
            continue
        file_id = uuid.uuid4().hex
        path = private_storage().save(f"uploads/{timezone.localdate():%Y/%m}/{file_id}", upload)
        if not _staff(request):
            SubmissionThrottle.objects.create(key=upload_key)
            uploaded_recently += 1
        files.append({"id": file_id, "name": upload.name[:255], "size": upload.size,
                      "content_type": content_type, "path": path})
    draft["files"] = files
    return problems


@never_cache
def details(request):
    draft = _draft(request)
    request_type = draft.get("type")
    if request_type not in TYPE_LABELS:
        return HttpResponseRedirect(_url("start"))
    change = _changing(request)
    if request.method == "POST":
        form = forms.DetailsForm(request.POST, request_type=request_type)
        problems = _save_uploads(request, draft, form)
        valid = form.is_valid()
        for problem in problems:
            form.add_error("attachments", problem)
        status = 400
        if valid and request_type == APPEAL:
            status = _check_appeal_code(request, draft, form) or status
            valid = not form.errors
        if valid and not problems:
            draft["details"] = form.answers()
            _store(request, draft)
            known = _known_outages(request_type, draft["details"], request.POST)
            if known:
                return _render(request, "cases/details.html", {
                    "form": form, "errors": [], "change": change, "known_outages": known,
                    "request_type": request_type, "request_type_label": TYPE_LABELS[request_type],
                    "urgent": True, "files": draft.get("files", []),
                    "back_url": _url("check" if change else "start", False)})
            if change and draft.get("contact"):
                return HttpResponseRedirect(_url("check"))
            return HttpResponseRedirect(_url("contact", change))
        _store(request, draft)
    else:
        form = forms.DetailsForm(initial=draft.get("details", {}), request_type=request_type)
        status = 200
    return _render(request, "cases/details.html", {
        "form": form, "errors": _error_list(form) if form.is_bound else [], "change": change,
        "request_type": request_type, "request_type_label": TYPE_LABELS[request_type],
        "urgent": request_type in URGENT_TYPES, "files": draft.get("files", []),
        "back_url": _url("check" if change else "start", False)}, status)


def _check_appeal_code(request, draft, form):
    """An appeal is linked to the earlier case only with that case's access code.

    A right code: the link is kept in the draft (the code itself is not). No code: the appeal is
    filed unlinked and an officer links it. A wrong code (or an unknown number) adds an error and
    counts as a failed guess against the same per-address limit as the status lookup. Returns
    the status to answer with when there is an error, else None.
    """
    reference = form.cleaned_data.get("earlier_reference", "")
    code = form.cleaned_data.get("earlier_access_code", "")
    link = draft.get("appeal_link") or {}
    if not code:
        if link.get("reference") != reference:  # a changed number drops an earlier check
            draft.pop("appeal_link", None)
        return None
    if _code_guesses_exhausted(request):
        form.add_error("earlier_access_code", _(
            "Слишком много неверных кодов доступа. Попробуйте ещё раз позже или оставьте поле кода "
            "пустым: обращение будет подано, а связать его с прежним поможет сотрудник."))
        return 429
    case = _case_with_code(reference, code)
    if case is None:
        SubmissionThrottle.objects.create(key=_client_key(request, "status"))
        form.add_error("earlier_access_code", _(
            "Код доступа не подходит к обращению с этим номером. Проверьте номер и код в подтверждении "
            "или письме. Если кода нет, оставьте поле пустым: обращение будет подано, а связать его с "
            "прежним поможет сотрудник."))
        return 400
    draft["appeal_link"] = {"reference": reference, "case": case.pk}
    return None


def _appeal_of(draft, answers):
    """The earlier case whose code the citizen gave, if the number was not changed since."""
    link = draft.get("appeal_link") or {}
    reference = answers.get("earlier_reference")
    if draft.get("type") != APPEAL or not reference or link.get("reference") != reference:
        return None
    return Case.objects.select_related("unit").filter(pk=link.get("case"), reference=reference).first()


def _known_outages(request_type, answers, data):
    """Before an outage report, the registry's known outages at that address (once per report).

    A citizen whose street is already being repaired learns the expected end at once; they may
    still file the report ("known_outages_seen" carries that choice).
    """
    if request_type != OUTAGE or data.get("known_outages_seen"):
        return []
    address = answers.get("site_address") or ""
    return current_outages_matching(address, translation.get_language() or "ru")


# --- step 3: the applicant and consent --------------------------------------------------------

@never_cache
def contact(request):
    draft = _draft(request)
    request_type = draft.get("type")
    if request_type not in TYPE_LABELS:
        return HttpResponseRedirect(_url("start"))
    if "details" not in draft:
        return HttpResponseRedirect(_url("details"))
    change = _changing(request)
    route = route_for(request_type)
    transfer_question = routing.needs_transfer_consent_question(route)
    pd_text = ConsentText.current(ConsentText.PERSONAL_DATA)
    transfer_text = ConsentText.current(ConsentText.TRANSFER) if transfer_question else None
    if request.method == "POST":
        form = forms.ContactForm(request.POST, transfer_question=transfer_question)
        if form.is_valid():
            now = timezone.now().isoformat()
            answers = form.answers()
            draft["contact"] = {k: v for k, v in answers.items() if k not in ("consent", "transfer_consent")}
            draft["consent"] = consent_record(pd_text, now, source=f"web {request.path}")
            draft["transfer"] = (consent_record(transfer_text, now)
                                 if answers.get("transfer_consent") else None)
            _store(request, draft)
            return HttpResponseRedirect(_url("check"))
        status = 400
    else:
        initial = dict(draft.get("contact", {}))
        initial["consent"] = bool(draft.get("consent"))
        initial["transfer_consent"] = bool(draft.get("transfer"))
        form = forms.ContactForm(initial=initial, transfer_question=transfer_question)
        status = 200
    return _render(request, "cases/contact.html", {
        "form": form, "errors": _error_list(form) if form.is_bound else [], "change": change,
        "pd_text": pd_text, "transfer_text": transfer_text, "route": route,
        "back_url": _url("check" if change else "details")}, status)


# --- step 4: check your answers -----------------------------------------------------------------

def _first_invalid_step(draft):
    request_type = draft.get("type")
    if request_type not in TYPE_LABELS:
        return "start"
    details_form = forms.DetailsForm(data=draft.get("details", {}), request_type=request_type)
    if "details" not in draft or not details_form.is_valid():
        return "details"
    route = route_for(request_type)
    data = dict(draft.get("contact", {}))
    if draft.get("consent"):
        data["consent"] = "on"
    contact_form = forms.ContactForm(data=data,
                                     transfer_question=routing.needs_transfer_consent_question(route))
    if "contact" not in draft or not contact_form.is_valid():
        return "contact"
    return None


def _summary_rows(draft):
    request_type = draft["type"]
    details_form = forms.DetailsForm(request_type=request_type)
    contact_form = forms.ContactForm()
    rows = [{"label": _("Тема обращения"), "value": TYPE_LABELS[request_type],
             "url": _url("start", True), "field": _("тему обращения")}]
    pd_labels = dict(forms.PD_REQUEST_CHOICES)
    for name, value in draft.get("details", {}).items():
        if name not in details_form.fields:
            continue
        shown = pd_labels.get(value, value) if name == "pd_request" else value
        rows.append({"label": details_form.fields[name].label, "value": shown or _("Не указано"),
                     "url": _url("details", True) + f"#id_{name}", "field": details_form.fields[name].label})
    if request_type == APPEAL:
        linked = _appeal_of(draft, draft.get("details", {}))
        rows.append({"label": _("Связь с обжалуемым обращением"),
                     "value": (_("Код доступа проверен: жалоба будет связана с обращением %(reference)s")
                               % {"reference": linked.reference}) if linked else
                     _("Код доступа не указан: обращение будет подано, связь с прежним проверит сотрудник"),
                     "url": _url("details", True) + "#id_earlier_access_code",
                     "field": _("код доступа к обжалуемому обращению")})
    if draft.get("files"):
        rows.append({"label": _("Файлы"), "value": ", ".join(f["name"] for f in draft["files"]),
                     "url": _url("details", True) + "#id_attachments", "field": _("файлы")})
    for name in ("applicant_name", "email", "phone", "postal_address"):
        value = draft.get("contact", {}).get(name, "")
        rows.append({"label": contact_form.fields[name].label, "value": value or _("Не указано"),
                     "url": _url("contact", True) + f"#id_{name}", "field": contact_form.fields[name].label})
    return rows


def _rate_limited(request):
    if _staff(request):
        return False
    count, seconds = _limit("CASES_RATE_LIMIT")
    keys = [_client_key(request, "ip")]
    if request.session.session_key:
        keys.append(f"session:{request.session.session_key}")
    return any(not throttle.allowed(_recent(key, seconds), count) for key in keys)


def _note_submission(request):
    if _staff(request):
        return  # staff filing for visitors use none of the address's public quota
    keys = [_client_key(request, "ip")]
    if request.session.session_key:
        keys.append(f"session:{request.session.session_key}")
    SubmissionThrottle.objects.bulk_create([SubmissionThrottle(key=key) for key in keys])


@never_cache
def check(request):
    draft = _draft(request)
    if request.method == "POST":
        token = request.POST.get("token", "")
        existing = Case.objects.filter(submission_key=token).first() if token else None
        if existing:  # a double submit: the first one already made the case
            request.session[DONE_KEY] = existing.reference
            return HttpResponseRedirect(_url("done"))
        step = _first_invalid_step(draft)
        if step:
            return HttpResponseRedirect(_url(step))
        if not token or token != draft.get("token"):
            return HttpResponseRedirect(_url("check"))
        if _rate_limited(request):
            return _render(request, "cases/limited.html", {}, status=429)
        return _submit(request, draft, token)
    step = _first_invalid_step(draft)
    if step:
        return HttpResponseRedirect(_url(step))
    draft.setdefault("token", uuid.uuid4().hex)
    _store(request, draft)
    route = route_for(draft["type"])
    return _render(request, "cases/check.html", {
        "rows": _summary_rows(draft), "token": draft["token"], "route": route,
        "transfer": draft.get("transfer"), "back_url": _url("contact")})


def _submit(request, draft, token):
    answers = {**draft.get("details", {}), **draft.get("contact", {})}
    consent = dict(draft["consent"])
    consent["at"] = parse_datetime(consent["at"])
    transfer = draft.get("transfer")
    if transfer:
        transfer = {**transfer, "at": parse_datetime(transfer["at"])}
    try:
        case, _created = register_case(
            request_type=draft["type"], answers=answers, consent=consent, transfer_consent=transfer,
            attachments=draft.get("files", []), language=translation.get_language() or "ru",
            submission_key=token, appeal_of=_appeal_of(draft, answers))
    except Exception:  # the draft stays in the session: nothing typed is lost
        log.exception("could not register a case")
        return _render(request, "cases/failed.html", {}, status=503)
    _note_submission(request)
    request.session[DONE_KEY] = case.reference
    request.session.pop(SESSION_KEY, None)
    return HttpResponseRedirect(_url("done"))


# --- step 5: confirmation -----------------------------------------------------------------------

@never_cache
def done(request):
    ref = request.session.get(DONE_KEY)
    case = Case.objects.select_related("unit").filter(reference=ref).first() if ref else None
    if case is None:
        return HttpResponseRedirect(_url("start"))
    return _render(request, "cases/done.html", {"case": case, "rule": case.rule})


# --- status check by reference and access code -------------------------------------------------

def _case_with_code(reference, access_code):
    """The case for a reference and access code; a wrong code looks the same as an unknown case."""
    case = Case.objects.select_related("unit").filter(reference=reference).first()
    code = case.access_code if case else "-"
    if case is None or not access_code or not hmac.compare_digest(code, access_code):
        return None
    return case


def _find_case(form):
    return _case_with_code(form.cleaned_data["reference"], form.cleaned_data["access_code"])


def _code_guesses_exhausted(request):
    """Wrong access codes from this address (status lookups and appeals together) in the window."""
    failures, seconds = _limit("CASES_STATUS_LIMIT")
    return not throttle.allowed(_recent(_client_key(request, "status"), seconds), failures)


@never_cache
def status(request):
    key = _client_key(request, "status")
    if request.method != "POST":  # links in e-mails carry the reference, never the code
        reference = reference_rules.normalise_reference(request.GET.get("reference", ""))[:30]
        return _render(request, "cases/status.html", {"form": forms.StatusForm(initial={"reference": reference})})
    failures, seconds = _limit("CASES_STATUS_LIMIT")
    if not throttle.allowed(_recent(key, seconds), failures):
        return _render(request, "cases/status.html", {"form": forms.StatusForm(request.POST),
                                                      "throttled": True, "has_errors": True}, status=429)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        return _render(request, "cases/status.html", {"form": form, "errors": _error_list(form)}, 400)
    case = _find_case(form)
    if case is None:
        SubmissionThrottle.objects.create(key=key)
        return _render(request, "cases/status.html", {"form": form, "not_found": True,
                                                      "has_errors": True}, 404)
    context = {"form": form, "case": case, "can_rate": case.status in (Case.ANSWERED, Case.CLOSED)
               and case.rated_at is None, "status_sections": status_sections.sections_for(case, request)}
    context.update(status_details.context(case, request))  # replies, documents, history, deadline moves
    if context["can_rate"] and request.POST.get("action") == "rate":
        rating = forms.RatingForm(request.POST)
        if not rating.is_valid():
            return _render(request, "cases/status.html", {**context, "rating_form": rating,
                                                          "errors": _error_list(rating)}, 400)
        rate_case(case, rating.cleaned_data["satisfied"] == "yes", rating.cleaned_data["comment"])
        context.update(can_rate=False, rated=True)
    else:
        context["rating_form"] = forms.RatingForm()
    return _render(request, "cases/status.html", context)


def rate_case(case, satisfied, comment):
    case.rating_satisfied = satisfied
    case.rating_comment = comment.strip()
    case.rated_at = timezone.now()
    case.save(update_fields=["rating_satisfied", "rating_comment", "rated_at"])
    CaseEvent.objects.create(case=case, kind=CaseEvent.RATED, new_value=_("доволен") if satisfied else _("не доволен"),
                             text=case.rating_comment)


def csrf_failure(request, reason=""):
    """A forged, missing or expired form token: a clear 403 page; answers already given stay in
    the session. Enable with CSRF_FAILURE_VIEW = "cases.views.csrf_failure"."""
    return _render(request, "cases/csrf_failure.html", {"has_errors": True,
                                                        "back_url": request.path}, status=403)
