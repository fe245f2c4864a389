"""Admin views: import a regulator's decision into a page's draft revision, and the moderator's comparison.

One import view serves every layout of ``decisions.layouts`` (tariffs, connection rates, income
ceilings, benefit amounts); the layout is the URL's ``kind``.

URLs this app adds (each tested for anonymous users, a case officer and an editor in
tests/decisions/test_permissions.py):
- ``decisions:import`` ``/admin/decisions/import/`` (tariffs) and ``/admin/decisions/import/<kind>/``
  with ``kind`` one of ``connection``, ``ceilings``, ``benefits`` (``tariffs`` too; another kind:
  404); ``?page=<id>`` preselects the page. GET: the form; POST with the form reads and checks the
  table and shows the preview (nothing stored); POST with ``action=edit`` goes back to the form with
  everything entered; POST with ``action=confirm`` and the signed ``payload`` adds the records to a
  new draft revision of the page. Only for users who may edit at least one page of the layout's
  page type; the page list holds only those.
- ``decisions:compare`` ``/admin/decisions/compare/<page_id>/``: the values the latest revision of a
  tariff, connection-fee or subsidy page changes against the live page, in words, one section per
  layout the page holds; for users who may edit or publish that page (others 403; a page of
  another type or unknown: 404).
"""
import datetime

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

from cms_pages.models import LegalAct
from decisions.forms import DecisionImportForm, editable_pages, layout_help
from decisions.layouts import LAYOUTS, TARIFFS, compare_title, layouts_for
from decisions.rules import diff, parsing, validation

SALT = "decisions.import"
PAYLOAD_MAX_AGE = 24 * 3600  # a preview confirmed the next day is read again


def _source_language():
    return translation.override(settings.LANGUAGE_CODE)


def import_url(layout):
    return reverse("decisions:import") if layout is TARIFFS else reverse("decisions:import", args=[layout.slug])


def latest_records(page, layout):
    """The latest revision's page object and its records of the layout (what the new revision is built on)."""
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    return latest, layout.records(latest)


def build_records(layout, page, existing, rows, start, end, act):
    """Unsaved records for the rows; what the table does not say is copied from the same key's last record."""
    return [layout.build(page, existing, row, start, end, act) for row in rows]


def _period_text(start, end):
    return start.strftime("%d.%m.%Y") + "–" + (end.strftime("%d.%m.%Y") if end else _("без даты окончания"))


def overlap_messages(layout, existing, start, end, new_records):
    if not layout.dated:
        return []
    groups = {layout.group_key(record) for record in new_records}
    with _source_language():
        found = validation.overlaps(existing, start, end, groups, layout.group_key)
    messages, seen = [], set()
    for record in sorted(found, key=lambda r: r.effective_from):
        label = layout.overlap_label(record)
        key = (label, record.effective_from, record.effective_to)
        if key in seen:
            continue
        seen.add(key)
        act = f" ({record.legal_act})" if record.legal_act_id else ""
        messages.append(_("Период пересекается с уже внесённым периодом %(period)s: «%(group)s»%(act)s. "
                          "Исправьте даты или удалите старые значения в редакторе страницы.")
                        % {"period": _period_text(record.effective_from, record.effective_to), "group": label,
                           "act": act})
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


def _form(request, layout, *args, **kwargs):
    return DecisionImportForm(*args, user=request.user, layout=layout, **kwargs)


def _render_form(request, layout, form, **extra):
    return TemplateResponse(request, "decisions/import_form.html", {
        "form": form, "layout": layout, "help": layout_help(layout), "action_url": import_url(layout), **extra})


def import_view(request, kind=TARIFFS.slug):
    layout = LAYOUTS.get(kind)
    if layout is None:
        raise Http404
    if not editable_pages(request.user, layout).exists():
        raise PermissionDenied
    if request.method != "POST":
        initial = {}
        if request.GET.get("page", "").isdigit():
            initial["page"] = request.GET["page"]
        return _render_form(request, layout, _form(request, layout, initial=initial))
    action = request.POST.get("action")
    if action == "confirm":
        return _confirm(request, layout)
    if action == "edit":
        return _render_form(request, layout, _form(request, layout, initial=request.POST.dict()))
    return _preview(request, layout)


def _read_table(form):
    upload = form.cleaned_data.get("file")
    if upload:
        if upload.size > parsing.MAX_BYTES:
            parsing.check_size(upload.size)  # raises before anything is read
        return parsing.read_upload(upload.name, upload.read()), True
    return parsing.read_pasted(form.cleaned_data["table"]), False


def _preview(request, layout):
    form = _form(request, layout, request.POST, request.FILES)
    if not form.is_valid():
        return _render_form(request, layout, form)
    data = form.cleaned_data
    try:
        table, from_file = _read_table(form)
    except parsing.TableError as error:
        form.add_error("file" if data.get("file") else "table", str(error))
        return _render_form(request, layout, form)
    rows, row_errors = validation.check_rows(table.rows, layout)
    page = data["page"]
    latest, existing = latest_records(page, layout)
    start, end = data["effective_from"], data["effective_to"]
    act, new_act = _act_from(data)
    with _source_language():
        new_records = build_records(layout, latest, existing, rows, start, end, act or _new_act(new_act))
    period_errors = overlap_messages(layout, existing, start, end, new_records) if rows else []
    if row_errors or period_errors:
        if from_file:  # the rows are kept in the paste field: nothing has to be uploaded again
            form = _form(request, layout, initial={**request.POST.dict(), "table": parsing.to_text(table.rows)})
        return _render_form(request, layout, form, row_errors=row_errors, period_errors=period_errors,
                            source=table.source, from_file=from_file, bound_errors=True)
    with _source_language():
        comparison = diff.compare(existing, layout.merge(existing, new_records), layout)
    payload = signing.dumps({
        "kind": layout.slug, "page": page.pk, "revision": page.latest_revision_id, "act": act.pk if act else None,
        "new_act": new_act, "from": _iso(start), "to": _iso(end), "rows": rows, "source": table.source,
    }, salt=SALT, compress=True)
    back = {**request.POST.dict(), "table": parsing.to_text(table.rows) if from_file else data["table"]}
    back.pop("csrfmiddlewaretoken", None)
    back.pop("action", None)
    return TemplateResponse(request, "decisions/import_preview.html", {
        "layout": layout, "page": page, "act": act or _new_act(new_act), "start": start, "end": end, "rows": rows,
        "section": _section(layout, comparison), "payload": payload, "source": table.source, "back": back,
        "action_url": import_url(layout),
    })


def _confirm(request, layout):
    def again(general_error=None, **initial_changes):
        form = _form(request, layout, initial={**initial, **initial_changes})
        return _render_form(request, layout, form, general_error=general_error)

    initial = {}
    try:
        payload = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=PAYLOAD_MAX_AGE)
    except signing.SignatureExpired:
        return again(_("Предпросмотр устарел (прошло больше суток): загрузите таблицу ещё раз."))
    except signing.BadSignature:
        return again(_("Данные предпросмотра повреждены: загрузите таблицу ещё раз."))
    if payload.get("kind") != layout.slug:
        return again(_("Данные предпросмотра повреждены: загрузите таблицу ещё раз."))
    page = editable_pages(request.user, layout).filter(pk=payload["page"]).first()
    if page is None:
        raise PermissionDenied
    start, end, rows = _date(payload["from"]), _date(payload["to"]), payload["rows"]
    initial = {"page": page.pk, "legal_act": payload["act"], "effective_from": start, "effective_to": end,
               "table": "\n".join("\t".join(layout.row_cells(row)) for row in rows)}
    if payload["new_act"]:
        initial.update({f"act_{k}": v for k, v in payload["new_act"].items()})
    lock = page.get_lock()
    if lock and lock.for_user(request.user):
        return again(_("Страница заблокирована для редактирования: %(reason)s")
                     % {"reason": lock.get_message(request.user)})
    if page.latest_revision_id != payload["revision"]:
        return again(_("Пока вы смотрели предпросмотр, страницу изменили: проверьте изменения ещё раз."))
    with transaction.atomic():
        page = layout.page_model.objects.select_for_update().get(pk=page.pk)
        latest, existing = latest_records(page, layout)
        with _source_language():
            errors = overlap_messages(layout, existing, start, end, build_records(layout, latest, existing, rows,
                                                                                  start, end, None))
        if errors:
            transaction.set_rollback(True)
            return _render_form(request, layout, _form(request, layout, initial=initial), period_errors=errors)
        if payload["act"]:
            act = LegalAct.objects.filter(pk=payload["act"]).first()
            if act is None:
                transaction.set_rollback(True)
                return again(_("Выбранное решение удалили из правовых актов: выберите другое или внесите его "
                               "заново."), legal_act=None)
        else:
            act = _new_act(payload["new_act"])
            act.save()
        with _source_language():
            new_records = build_records(layout, latest, existing, rows, start, end, act)
        try:
            layout.validate(latest, new_records)  # the model's own checks, before anything reaches the revision
        except ValidationError as error:
            transaction.set_rollback(True)  # the new legal act too: nothing half-imported
            return again(_("Значения не сохранены: %(error)s") % {"error": "; ".join(error.messages)})
        layout.apply(latest, new_records, start, act)
        revision = latest.save_revision(user=request.user, log_action=True)
    return TemplateResponse(request, "decisions/import_done.html", {
        "layout": layout, "page": page, "revision": revision, "count": len(new_records), "act": act,
        "start": start, "end": end, "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "go_live_at": getattr(latest, "go_live_at", None) if not layout.dated else None,
        "compare_url": reverse("decisions:compare", args=[page.pk]),
    })


def _section(layout, comparison):
    """A comparison with its heading and count sentence, for ``decisions/includes/changes.html``."""
    counts = {**comparison.counts, "unchanged": comparison.unchanged}
    return {"title": layout.compare_title, "summary": str(layout.words.summary) % counts, "comparison": comparison}


def revision_comparison(old_page, new_page, layout=None):
    """The values ``new_page`` (a page or a revision's object) changes against ``old_page``, for one layout
    (by default the first layout of the page's type)."""
    layout = layout or layouts_for(type(new_page))[0]
    with _source_language():
        return diff.compare(layout.records(old_page), layout.records(new_page), layout)


def compare_revisions(old_revision, new_revision, layout=None):
    """The values ``new_revision`` of a page changes against ``old_revision`` (Wagtail revisions)."""
    return revision_comparison(old_revision.as_object(), new_revision.as_object(), layout)


def compare_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    layouts = layouts_for(type(page))
    if not layouts:
        raise Http404
    permissions = page.permissions_for_user(request.user)
    if not (permissions.can_edit() or permissions.can_publish()):
        raise PermissionDenied
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    live = page if page.live else type(page)(title=page.title)
    sections = [_section(layout, revision_comparison(live, latest, layout)) for layout in layouts]
    return TemplateResponse(request, "decisions/compare.html", {
        "page": page, "sections": sections, "title": compare_title(layouts), "has_draft": page.has_unpublished_changes, "revision": page.latest_revision,
    })
