"""Wagtail admin: CSV upload → preview → commit."""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from outages import importer
from outages.models import ImportBatch

PREVIEW_LIMIT = 300


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Файл CSV из диспетчерской системы"),
                           help_text=_("Кодировка UTF-8 или Windows-1251, разделитель «;», «,» или табуляция, до 5 МБ."),
                           error_messages={"empty": _("Файл пустой."), "required": _("Выберите файл CSV.")})


def _check_permission(request):
    if not request.user.has_perm("outages.add_outage"):
        raise PermissionDenied


def upload(request):
    _check_permission(request)
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                batch = importer.read_upload(form.cleaned_data["file"], user=request.user)
            except importer.FileProblem as problem:
                form.add_error("file", str(problem))
                status = 400
            else:
                return redirect("outages_import:preview", batch.pk)
        else:
            status = 400
    else:
        form = UploadForm()
    recent = ImportBatch.objects.select_related("uploaded_by")[:10]
    return TemplateResponse(request, "outages/admin/upload.html", {
        "form": form, "recent": recent, "columns": importer.COLUMN_LABELS, "required": importer.REQUIRED,
        "max_mb": importer.MAX_BYTES // (1024 * 1024)}, status=status)


def preview(request, pk):
    _check_permission(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    create_streets = request.GET.get("create_streets") == "1"
    plan, problem = None, None
    if batch.state == ImportBatch.PREVIEW:
        try:
            plan = importer.plan_for_batch(batch, create_streets=create_streets)
        except importer.FileProblem as exc:
            problem = str(exc)
    changes = [o for o in plan.outages if o.change != "unchanged"][:PREVIEW_LIMIT] if plan else []
    return TemplateResponse(request, "outages/admin/preview.html", {
        "batch": batch, "plan": plan, "problem": problem, "changes": changes, "create_streets": create_streets,
        "errors": plan.errors[:1000] if plan else [], "preview_limit": PREVIEW_LIMIT,
        "new_count": plan.count("new") if plan else 0, "updated_count": plan.count("updated") if plan else 0,
        "unchanged_count": plan.count("unchanged") if plan else 0,
        "street_errors": bool(plan and any(e.column == "улица" for e in plan.errors)),
    })


@require_POST
def commit(request, pk):
    _check_permission(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    create_streets = request.POST.get("create_streets") == "1"
    if request.POST.get("action") == "discard":
        if batch.state == ImportBatch.PREVIEW:
            batch.state = ImportBatch.DISCARDED
            batch.content = ""
            batch.save(update_fields=["state", "content"])
        messages.info(request, _("Загрузка отменена, ничего не изменено."))
        return redirect("outages_import:upload")
    try:
        plan = importer.commit(batch, create_streets=create_streets)
    except importer.FileProblem as problem:
        messages.error(request, str(problem))
        url = reverse("outages_import:preview", args=[batch.pk])
        return redirect(url + ("?create_streets=1" if create_streets else ""))
    messages.success(request, _("Загружено: новых отключений %(new)s, изменено %(updated)s, без изменений %(same)s.") % {
        "new": plan.count("new"), "updated": plan.count("updated"), "same": plan.count("unchanged")})
    return redirect("outages_import:upload")
