"""Booking a visit to a service centre: per-centre settings, slots with their counts, bookings.

The capacity holds in the database: a booking raises its slot's ``booked`` by one with a
conditional ``UPDATE … SET booked = booked + 1 WHERE id = … AND booked < capacity`` inside the
booking's transaction (``visits.services``). PostgreSQL locks the row and re-checks the condition
for a second writer; SQLite runs one writer at a time (``transaction_mode = IMMEDIATE``). A check
constraint keeps ``booked`` at or above zero.
"""
import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from visits.rules.slots import DEFAULT_SLOT_MINUTES


class VisitSettings(models.Model):
    """How a centre takes visitors by appointment. A centre without a row takes them with the
    defaults below (``for_centre``)."""
    centre = models.OneToOneField("cms_pages.ServiceCentrePage", on_delete=models.CASCADE,
                                  related_name="visit_settings", verbose_name=_("центр обслуживания"))
    enabled = models.BooleanField(_("запись на приём открыта"), default=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("длительность приёма, мин"), default=DEFAULT_SLOT_MINUTES,
        validators=[MinValueValidator(5), MaxValueValidator(240)])
    places_per_slot = models.PositiveSmallIntegerField(
        _("мест на одно время"), default=2, validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Сколько посетителей специалисты принимают одновременно (число окон)."))
    horizon_days = models.PositiveSmallIntegerField(
        _("запись вперёд, дней"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)])
    min_notice_minutes = models.PositiveSmallIntegerField(
        _("не позже чем за, мин"), default=60, validators=[MaxValueValidator(24 * 60)],
        help_text=_("За сколько минут до начала приёма закрывается запись на это время."))
    staff = models.ForeignKey(
        "auth.Group", verbose_name=_("сотрудники центра"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Группа, участники которой видят список записей этого центра: имена, телефоны и "
                    "потребности посетителей. Пока группа не выбрана, список видят только администраторы."))

    class Meta:
        verbose_name = _("запись на приём: настройки центра")
        verbose_name_plural = _("запись на приём: настройки центров")

    def __str__(self):
        return str(self.centre)

    @classmethod
    def for_centre(cls, centre):
        return cls.objects.filter(centre=centre).first() or cls(centre=centre)


class VisitSlot(models.Model):
    """One time at one centre; made when first booked. ``booked`` counts its active bookings."""
    centre = models.ForeignKey("cms_pages.ServiceCentrePage", on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("начало"))
    ends_at = models.DateTimeField(_("окончание"))
    booked = models.PositiveIntegerField(_("занято мест"), default=0)

    class Meta:
        verbose_name = _("время приёма")
        verbose_name_plural = _("время приёма")
        constraints = [
            models.UniqueConstraint(fields=["centre", "starts_at"], name="visits_one_slot_per_time"),
            models.CheckConstraint(condition=models.Q(booked__gte=0), name="visits_booked_not_negative"),
        ]

    def __str__(self):
        return f"{self.centre_id} {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"


def new_token():
    return secrets.token_urlsafe(24)


class Booking(models.Model):
    """One visitor's booking. Deleting a centre's page deletes its slots and bookings with it
    (a centre that stops receiving is unpublished or has booking switched off instead)."""
    ACTIVE, CANCELLED = "active", "cancelled"
    STATUS_CHOICES = [(ACTIVE, _("записан")), (CANCELLED, _("отменена"))]

    reference = models.CharField(_("номер записи"), max_length=20, unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    centre = models.ForeignKey("cms_pages.ServiceCentrePage", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("центр обслуживания"))
    slot = models.ForeignKey(VisitSlot, on_delete=models.CASCADE, related_name="bookings",
                             verbose_name=_("время приёма"))
    service = models.CharField(_("услуга"), max_length=300)
    name = models.CharField(_("имя"), max_length=200)
    phone = models.CharField(_("телефон"), max_length=40, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    needs_wheelchair = models.BooleanField(_("на кресле-коляске"), default=False)
    needs_sign_language = models.BooleanField(_("нужен сурдопереводчик"), default=False)
    has_companion = models.BooleanField(_("с сопровождающим"), default=False)
    other_needs = models.CharField(_("другое"), max_length=500, blank=True)
    language = models.CharField(max_length=10, default="ru")
    consent_version = models.CharField(_("версия согласия"), max_length=30, blank=True)
    status = models.CharField(_("статус"), max_length=10, choices=STATUS_CHOICES, default=ACTIVE)
    created_at = models.DateTimeField(_("создана"), default=timezone.now)
    moved_at = models.DateTimeField(_("перенесена"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("отменена"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("напоминание отправлено"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("персональные данные удалены"), null=True, blank=True)

    class Meta:
        verbose_name = _("запись на приём")
        verbose_name_plural = _("записи на приём")
        ordering = ["slot__starts_at", "created_at"]

    def __str__(self):
        return self.reference

    @property
    def is_active(self):
        return self.status == self.ACTIVE

    def access_needs(self):
        labels = [str(label) for flag, label in (
            (self.needs_wheelchair, _("на кресле-коляске")),
            (self.needs_sign_language, _("нужен сурдопереводчик")),
            (self.has_companion, _("с сопровождающим"))) if flag]
        if self.other_needs:
            labels.append(self.other_needs)
        return labels
