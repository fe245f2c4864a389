"""Admin views: import a regulator's decision on a tariff page, and the moderator's comparison.

URLs this app adds (each tested for anonymous users, a case officer and an editor in
tests/decisions/test_permissions.py):
- ``decisions:import`` ``/admin/decisions/import/`` (``?page=<id>`` preselects the page): GET the
  form; POST with the form reads and checks the table and shows the preview (nothing stored);
  POST with ``action=edit`` goes back to the form with everything entered; POST with
  ``action=confirm`` and the signed ``payload`` adds the records to a new draft revision of the
  page. Only for users who may edit at least one tariff page; the page list holds only those.
- ``decisions:compare`` ``/admin/decisions/compare/<page_id>/``: the prices the latest revision
  of a tariff page changes against the live page, in words; for users who may edit or publish
  that page (others 403; not a tariff page or unknown: 404).
"""
import datetime
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms_pages.codes import GCAL, KWH
from cms_pages.models import LegalAct, TariffPage, TariffRecord
from decisions.forms import DecisionImportForm, codes_help, editable_tariff_pages
from decisions.rules import diff, parsing, validation

SALT = "decisions.import"
PAYLOAD_MAX_AGE = 24 * 3600  # a preview confirmed the next day is read again


def _source_language():
    return translation.override(settings.LANGUAGE_CODE)


def latest_records(page):
    """The records of the page's latest revision (what the new revision is built on)."""
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    return latest, list(latest.tariffs.all())


def _template(records, row):
    """The newest existing record of the same codes: its hours, band limit and English town."""
    same = [r for r in records if (r.consumer_group, r.town_ru or "", r.rate_type, r.zone, r.band)
            == (row["consumer_group"], row["town"], row["rate_type"], row["zone"], row["band"])]
    return max(same, key=lambda r: r.effective_from) if same else None


def build_records(page, existing, rows, start, end, act):
    """Unsaved TariffRecords for the rows; what the table does not say is copied from the same codes' last record."""
    records = []
    for row in rows:
        template = _template(existing, row)
        records.append(TariffRecord(
            consumer_group=row["consumer_group"], rate_type=row["rate_type"], zone=row["zone"], band=row["band"],
            town=row["town"], town_ru=row["town"],
            town_en=(template.town_en if template else "") or "",
            hours=template.hours_ru if template else "", hours_ru=template.hours_ru if template else "",
            hours_en=template.hours_en if template else "",
            band_limit_kwh=template.band_limit_kwh if template else None,
            unit=template.unit if template else (KWH if page.kind == "electricity" else GCAL),
            vat_included=True, price=Decimal(row["price"]),
            effective_from=start, effective_to=end, legal_act=act, legal_act_id=act.pk if act else None,
        ))
    return records


def overlap_messages(existing, start, end, rows):
    groups = {(row["consumer_group"], row["town"]) for row in rows}
    with _source_language():
        found = validation.overlaps(existing, start, end, groups)
    messages, seen = [], set()
    for record in sorted(found, key=lambda r: r.effective_from):
        key = (record.consumer_group, record.town_ru or "", record.effective_from, record.effective_to)
        if key in seen:
            continue
        seen.add(key)
        group = record.get_consumer_group_display() + (f", {record.town}" if record.town else "")
        period = record.effective_from.strftime("%d.%m.%Y") + "–" + (
            record.effective_to.strftime("%d.%m.%Y") if record.effective_to else _("без даты окончания"))
        act = f" ({record.legal_act})" if record.legal_act_id else ""
        messages.append(_("Период пересекается с уже внесённым периодом %(period)s группы «%(group)s»%(act)s. "
                          "Исправьте даты или удалите старые цены в редакторе страницы.")
                        % {"period": period, "group": group, "act": act})
    return messages


def _iso(value):
    return value.isoformat() if value else None


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _act_from(data):
    if data.get("legal_act"):
        return data["legal_act"], None
    values = {"title": data["act_title"], "number": data["act_number"], "date": _iso(data["act_date"]),
              "issuer": data["act_issuer"], "url": data.get("act_url") or ""}
    return None, values


def _new_act(values):
    return LegalAct(title=values["title"], title_ru=values["title"], number=values["number"],
                    date=_date(values["date"]), issuer=values["issuer"], issuer_ru=values["issuer"],
                    url=values["url"])


def _render_form(request, form, **extra):
    return TemplateResponse(request, "decisions/import_form.html", {"form": form, "codes": codes_help(), **extra})


def _check_access(request):
    if not editable_tariff_pages(request.user).exists():
        raise PermissionDenied


def import_view(request):
    _check_access(request)
    if request.method != "POST":
        initial = {}
        if request.GET.get("page", "").isdigit():
            initial["page"] = request.GET["page"]
        return _render_form(request, DecisionImportForm(user=request.user, initial=initial))
    action = request.POST.get("action")
    if action == "confirm":
        return _confirm(request)
    if action == "edit":
        return _render_form(request, DecisionImportForm(initial=request.POST.dict(), user=request.user))
    return _preview(request)


def _read_table(form):
    upload = form.cleaned_data.get("file")
    if upload:
        if upload.size > parsing.MAX_BYTES:
            parsing.check_size(upload.size)  # raises before anything is read
        return parsing.read_upload(upload.name, upload.read()), True
    return parsing.read_pasted(form.cleaned_data["table"]), False


def _preview(request):
    form = DecisionImportForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _render_form(request, form)
    data = form.cleaned_data
    try:
        table, from_file = _read_table(form)
    except parsing.TableError as error:
        form.add_error("file" if data.get("file") else "table", str(error))
        return _render_form(request, form)
    rows, row_errors = validation.check_rows(table.rows)
    page = data["page"]
    latest, existing = latest_records(page)
    start, end = data["effective_from"], data["effective_to"]
    period_errors = overlap_messages(existing, start, end, rows) if rows else []
    if row_errors or period_errors:
        if from_file:  # the rows are kept in the paste field: nothing has to be uploaded again
            form = DecisionImportForm(initial={**request.POST.dict(), "table": parsing.to_text(table.rows)},
                                      user=request.user)
        return _render_form(request, form, row_errors=row_errors, period_errors=period_errors,
                            source=table.source, from_file=from_file, bound_errors=True)
    act, new_act = _act_from(data)
    with _source_language():
        new_records = build_records(page, existing, rows, start, end, act or _new_act(new_act))
        comparison = diff.compare(existing, existing + new_records)
    payload = signing.dumps({
        "page": page.pk, "revision": page.latest_revision_id, "act": act.pk if act else None, "new_act": new_act,
        "from": _iso(start), "to": _iso(end), "rows": rows, "source": table.source,
    }, salt=SALT, compress=True)
    back = {**request.POST.dict(), "table": parsing.to_text(table.rows) if from_file else data["table"]}
    back.pop("csrfmiddlewaretoken", None)
    back.pop("action", None)
    return TemplateResponse(request, "decisions/import_preview.html", {
        "page": page, "act": act or _new_act(new_act), "start": start, "end": end, "rows": rows,
        "comparison": comparison, "payload": payload, "source": table.source, "back": back,
    })


def _confirm(request):
    try:
        payload = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=PAYLOAD_MAX_AGE)
    except signing.SignatureExpired:
        return _render_form(request, DecisionImportForm(user=request.user), general_error=_(
            "Предпросмотр устарел (прошло больше суток): загрузите таблицу ещё раз."))
    except signing.BadSignature:
        return _render_form(request, DecisionImportForm(user=request.user), general_error=_(
            "Данные предпросмотра повреждены: загрузите таблицу ещё раз."))
    page = editable_tariff_pages(request.user).filter(pk=payload["page"]).first()
    if page is None:
        raise PermissionDenied
    start, end, rows = _date(payload["from"]), _date(payload["to"]), payload["rows"]
    initial = {"page": page.pk, "legal_act": payload["act"], "effective_from": start, "effective_to": end,
               "table": "\n".join("\t".join([r["consumer_group"], r["rate_type"], r["zone"], str(r["band"]),
                                             r["price"].replace(".", ","), r["town"]]).rstrip("\t") for r in rows)}
    if payload["new_act"]:
        initial.update({f"act_{k}": v for k, v in payload["new_act"].items()})
    lock = page.get_lock()
    if lock and lock.for_user(request.user):
        return _render_form(request, DecisionImportForm(initial=initial, user=request.user), general_error=_(
            "Страница заблокирована для редактирования: %(reason)s") % {"reason": lock.get_message(request.user)})
    if page.latest_revision_id != payload["revision"]:
        return _render_form(request, DecisionImportForm(initial=initial, user=request.user), general_error=_(
            "Пока вы смотрели предпросмотр, страницу изменили: проверьте изменения ещё раз."))
    with transaction.atomic():
        page = TariffPage.objects.select_for_update().get(pk=page.pk)
        latest, existing = latest_records(page)
        errors = overlap_messages(existing, start, end, rows)
        if errors:
            transaction.set_rollback(True)
            return _render_form(request, DecisionImportForm(initial=initial, user=request.user), period_errors=errors)
        if payload["act"]:
            act = LegalAct.objects.filter(pk=payload["act"]).first()
            if act is None:
                transaction.set_rollback(True)
                return _render_form(request, DecisionImportForm(initial={**initial, "legal_act": None},
                                                                user=request.user), general_error=_(
                    "Выбранное решение удалили из правовых актов: выберите другое или внесите его заново."))
        else:
            act = _new_act(payload["new_act"])
            act.save()
        with _source_language():
            new_records = build_records(page, existing, rows, start, end, act)
        try:
            for record in new_records:  # the model's own checks, before anything reaches the revision
                record.full_clean(exclude=["page"])
        except ValidationError as error:
            transaction.set_rollback(True)  # the new legal act too: nothing half-imported
            return _render_form(request, DecisionImportForm(initial=initial, user=request.user), general_error=_(
                "Цены не сохранены: %(error)s") % {"error": "; ".join(error.messages)})
        latest.tariffs.add(*new_records)
        revision = latest.save_revision(user=request.user, log_action=True)
    return TemplateResponse(request, "decisions/import_done.html", {
        "page": page, "revision": revision, "count": len(new_records), "act": act, "start": start, "end": end,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "compare_url": reverse("decisions:compare", args=[page.pk]),
    })


def revision_comparison(old_page, new_page):
    """The prices ``new_page`` (a TariffPage, e.g. a revision's object) changes against ``old_page``."""
    with _source_language():
        return diff.compare(list(old_page.tariffs.all()), list(new_page.tariffs.all()))


def compare_revisions(old_revision, new_revision):
    """The prices ``new_revision`` of a TariffPage changes against ``old_revision`` (Wagtail revisions)."""
    return revision_comparison(old_revision.as_object(), new_revision.as_object())


def compare_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, TariffPage):
        raise Http404
    permissions = page.permissions_for_user(request.user)
    if not (permissions.can_edit() or permissions.can_publish()):
        raise PermissionDenied
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    live = page if page.live else TariffPage(title=page.title)
    comparison = revision_comparison(live, latest)
    return TemplateResponse(request, "decisions/compare.html", {
        "page": page, "comparison": comparison, "has_draft": page.has_unpublished_changes,
        "revision": page.latest_revision,
    })
