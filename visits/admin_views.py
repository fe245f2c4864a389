"""The officers' day list of a service centre, in the Wagtail admin.

URLs this app adds to the admin, and who may open each (tested in tests/visits/test_admin.py):

    /admin/visits/day/?centre=<page id>&day=YYYY-MM-DD   the day list: permission visits.view_booking
                                                         (Case officers, Administrators), and only
                                                         the centres ``visits.access`` allows (the
                                                         centre's staff group; administrators all)
    /admin/visit_settings/                         per-centre booking settings: VisitSettingsViewSet,
    /admin/visit_settings/results/                 a ModelViewSet (copy switched off: one row per
    /admin/visit_settings/new/                     centre). Its model's view/add/change/delete
    /admin/visit_settings/edit/<pk>/               permissions, held by Administrators only
    /admin/visit_settings/delete/<pk>/
    /admin/visit_settings/history/<pk>/
    /admin/visit_settings/history-results/<pk>/
    /admin/visit_settings/usage/<pk>/

Anonymous visitors are sent to the admin login; staff without the permission are refused.
"""
import datetime

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import ModelPermissionPolicy

from visits import access, services
from visits.models import Booking, VisitSettings


class DayListForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Центр обслуживания"), queryset=access.visible_centres(None),
                                    empty_label=None)
    day = forms.DateField(label=_("День"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                          error_messages={"invalid": _("Введите дату в формате ГГГГ-ММ-ДД.")})

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = access.visible_centres(user)
        self.fields["centre"].error_messages["invalid_choice"] = _(
            "Этот центр не входит в ваши: выберите центр из списка.")


class DayListView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Запись на приём: список дня")
    header_icon = "date"
    template_name = "visits/admin/day_list.html"
    permission_required = "view"

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(Booking)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = {"centre": self.request.GET.get("centre"), "day": self.request.GET.get("day")}
        first = access.visible_centres(self.request.user).first()
        if not data["centre"] and first:
            data["centre"] = first.pk
        data["day"] = data["day"] or timezone.localdate().isoformat()
        form = DayListForm(data, user=self.request.user)
        context["form"] = form
        context["no_centres"] = first is None
        if form.is_valid():
            centre, day = form.cleaned_data["centre"], form.cleaned_data["day"]
            start = services.aware(day, datetime.time(0, 0))
            bookings = list(Booking.objects.filter(
                centre=centre, slot__starts_at__gte=start, slot__starts_at__lt=start + datetime.timedelta(days=1))
                .select_related("slot").order_by("slot__starts_at", "created_at"))
            for booking in bookings:
                booking.local_start = timezone.localtime(booking.slot.starts_at)
            settings = VisitSettings.for_centre(centre)
            active = [b for b in bookings if b.is_active]
            context.update(centre=centre, day=day, bookings=bookings, visit_settings=settings,
                           active_count=len(active),
                           needs_summary=[(label, count) for label, count in (
                               (Booking._meta.get_field("needs_wheelchair").verbose_name,
                                sum(b.needs_wheelchair for b in active)),
                               (Booking._meta.get_field("needs_sign_language").verbose_name,
                                sum(b.needs_sign_language for b in active)),
                               (Booking._meta.get_field("has_companion").verbose_name,
                                sum(b.has_companion for b in active))) if count],
                           slot_count=len(services.slot_rules.day_slots(
                               services.centre_rows(centre), day, services.CalendarDay.calendar(),
                               settings.slot_minutes)))
        return context
