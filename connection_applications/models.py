"""Grid-connection applications tracked by stage.

A connection request (a ``cases.Case`` of the request type "connection") gets one
``ConnectionApplication``; officers move it through the ``ConnectionStage`` records, each move a
dated ``StageMove`` that is e-mailed to the applicant and shown on the status page.
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calculators.rules.deadlines import term_text
from cms_pages.codes import DAYS, WORKING_DAYS
from cases.rules import deadlines
from connection_applications.rules import stages as rules

RESPONSIBLE_CHOICES = [
    (rules.GRID, _("сетевая организация")),
    (rules.APPLICANT, _("заявитель")),
    (rules.BOTH, _("сетевая организация и заявитель")),
]
DEADLINE_KIND_CHOICES = [(deadlines.WORKING, _("рабочие дни")), (deadlines.CALENDAR, _("календарные дни"))]


class ConnectionStage(models.Model):
    """One stage of the connection procedure with its legal term (data administrators keep)."""
    code = models.SlugField(_("код"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("порядок"), unique=True)
    name = models.CharField(_("название"), max_length=200)
    description = models.TextField(_("что происходит на этапе"), blank=True,
                                   help_text=_("Показывается заявителю на странице статуса."))
    deadline_days = models.PositiveIntegerField(
        _("срок, дней"), null=True, blank=True,
        help_text=_("Сколько дней заявка может находиться на этапе. Пусто — срок не установлен."))
    deadline_kind = models.CharField(_("вид дней"), max_length=10, choices=DEADLINE_KIND_CHOICES,
                                     default=deadlines.WORKING)
    counted_from = models.ForeignKey(
        "self", verbose_name=_("срок считается от этапа"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Например, срок выполнения мероприятий считается со дня заключения "
                                      "договора. Пусто — со дня перехода на этот этап."))
    responsible = models.CharField(_("кто действует на этапе"), max_length=10, choices=RESPONSIBLE_CHOICES,
                                   default=rules.GRID)
    basis = models.CharField(_("правовое основание"), max_length=300, blank=True)
    checked = models.BooleanField(_("сверено с официальным текстом"), default=False,
                                  help_text=_("Снимите отметку, если срок или основание взяты не из "
                                              "официального текста и требуют проверки."))

    class Meta:
        verbose_name = _("этап присоединения")
        verbose_name_plural = _("этапы присоединения")
        ordering = ["order"]

    def __str__(self):
        return f"{self.order}. {self.name}"

    @property
    def is_final(self):
        last = ConnectionStage.objects.order_by("-order").values_list("order", flat=True).first()
        return last is not None and self.order == last

    def term_display(self):
        if self.deadline_days is None:
            return ""
        return term_text(self.deadline_days, WORKING_DAYS if self.deadline_kind == deadlines.WORKING else DAYS)


class ConnectionApplication(models.Model):
    case = models.OneToOneField("cases.Case", verbose_name=_("обращение"), on_delete=models.CASCADE,
                                related_name="connection_application")
    stage = models.ForeignKey(ConnectionStage, verbose_name=_("этап"), on_delete=models.PROTECT,
                              related_name="applications")
    stage_due_date = models.DateField(_("срок этапа"), null=True, blank=True)
    created_at = models.DateTimeField(_("создано"), default=timezone.now)

    class Meta:
        verbose_name = _("заявка на присоединение")
        verbose_name_plural = _("заявки на присоединение")
        ordering = ["stage_due_date", "created_at"]

    def __str__(self):
        return self.case.reference

    @property
    def current_move(self):
        return self.moves.order_by("-moved_at", "-pk").first()

    @property
    def is_overdue(self):
        return rules.is_stage_overdue(self.stage_due_date, timezone.localdate(), self.stage.is_final)


class StageMove(models.Model):
    """The application entered ``stage`` on ``moved_on``: never edited, only added."""
    application = models.ForeignKey(ConnectionApplication, on_delete=models.CASCADE, related_name="moves")
    stage = models.ForeignKey(ConnectionStage, verbose_name=_("этап"), on_delete=models.PROTECT,
                              related_name="moves")
    moved_on = models.DateField(_("дата перехода"))
    moved_at = models.DateTimeField(_("записано"), default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("кто"), null=True, blank=True,
                             on_delete=models.SET_NULL)
    due_date = models.DateField(_("срок этапа"), null=True, blank=True)
    contract_due = models.BooleanField(_("срок по договору"), default=False)
    comment = models.TextField(_("сообщение заявителю"), blank=True)
    outbox = models.ForeignKey("cases.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    overdue_notified_at = models.DateTimeField(_("просрочка отмечена"), null=True, blank=True)

    class Meta:
        verbose_name = _("переход на этап")
        verbose_name_plural = _("переходы по этапам")
        ordering = ["moved_at", "pk"]

    def __str__(self):
        return f"{self.application} → {self.stage}"
