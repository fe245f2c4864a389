"""Snippets: records reused across pages (alerts, legal acts, responsible bodies)."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index


class AlertQuerySet(models.QuerySet):
    def active(self, at=None):
        """Alerts whose window contains ``at``: chosen by date, so nobody has to remember to remove one."""
        at = at or timezone.now()
        return self.filter(live=True, starts_at__lte=at).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=at)
        )


class AlertBanner(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A banner on the home page; goes through the same moderation workflow as pages."""

    # No "planned outage" kind: the home page announces outages from the outage registry
    # (``{% outages_alert %}``), so a typed banner cannot disagree with it.
    KIND_CHOICES = [
        ("tariff_change", _("Изменение тарифов")),
        ("emergency", _("Авария")),
        ("information", _("Информация")),
    ]
    SEVERITY_CHOICES = [
        ("info", _("Информация")),
        ("warning", _("Предупреждение")),
        ("critical", _("Срочно")),
    ]
    title = models.CharField(_("заголовок"), max_length=200)
    message = models.TextField(_("текст"))
    kind = models.CharField(_("тип"), max_length=30, choices=KIND_CHOICES, default="information",
                            help_text=_("Об отключениях электроэнергии главная страница сообщает сама, из реестра "
                                        "отключений: внесите отключение туда, а не в объявление."))
    severity = models.CharField(_("важность"), max_length=20, choices=SEVERITY_CHOICES, default="info")
    starts_at = models.DateTimeField(_("показывать с"))
    ends_at = models.DateTimeField(_("показывать до"), null=True, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("подробнее на странице"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    objects = AlertQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("severity")], heading=_("Тип")),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Период показа")),
        FieldPanel("link_page"),
    ]

    class Meta:
        verbose_name = _("объявление")
        verbose_name_plural = _("объявления")
        ordering = ["-severity", "starts_at"]

    def __str__(self):
        return self.title


class LegalAct(index.Indexed, models.Model):
    """A law, decree or regulator's order that gives a figure its force."""

    title = models.CharField(_("название"), max_length=300)
    number = models.CharField(_("номер"), max_length=60, blank=True)
    date = models.DateField(_("дата"), null=True, blank=True)
    issuer = models.CharField(_("кем издан"), max_length=300, blank=True)
    url = models.URLField(_("ссылка на текст"), blank=True)
    is_demo = models.BooleanField(
        _("демонстрационные данные"), default=False,
        help_text=_("Отметьте, если реквизиты не проверены по официальному источнику."),
    )

    panels = [
        FieldPanel("title"), FieldPanel("number"), FieldPanel("date"),
        FieldPanel("issuer"), FieldPanel("url"), FieldPanel("is_demo"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("number")]

    class Meta:
        verbose_name = _("правовой акт")
        verbose_name_plural = _("правовые акты")
        ordering = ["-date", "title"]

    def __str__(self):
        parts = [self.title]
        if self.number:
            parts.append(f"№ {self.number}")
        if self.date:
            parts.append(self.date.strftime("%d.%m.%Y"))
        return ", ".join(parts)


class ResponsibleBody(models.Model):
    """An organisation a citizen is sent to: social protection, the supplier, МФЦ, the regulator."""

    name = models.CharField(_("название"), max_length=300)
    short_name = models.CharField(_("краткое название"), max_length=100, blank=True)
    address = models.CharField(_("адрес"), max_length=300, blank=True)
    hours = models.TextField(_("часы приёма"), blank=True)
    phone = models.CharField(_("телефон"), max_length=100, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    website = models.URLField(_("сайт"), blank=True)

    panels = [
        FieldPanel("name"), FieldPanel("short_name"), FieldPanel("address"),
        FieldPanel("hours"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("website"),
    ]

    class Meta:
        verbose_name = _("организация")
        verbose_name_plural = _("организации")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name
