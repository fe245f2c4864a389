"""The information-disclosure register: what the company must publish, how often, by when, and
each period's document."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from disclosure.rules import due as rules


class DisclosureItem(ClusterableModel):
    FREQUENCY_CHOICES = [
        (rules.QUARTERLY, _("ежеквартально")),
        (rules.HALF_YEARLY, _("раз в полгода")),
        (rules.YEARLY, _("ежегодно")),
        (rules.ON_CHANGE, _("при изменении")),
    ]
    code = models.SlugField(_("код"), max_length=60, unique=True)
    title = models.CharField(_("что раскрывается"), max_length=255)
    description = models.TextField(_("пояснение"), blank=True)
    legal_basis = models.CharField(_("основание"), max_length=255)
    frequency = models.CharField(_("периодичность"), max_length=20, choices=FREQUENCY_CHOICES)
    due_days = models.PositiveIntegerField(
        _("срок публикации, календарных дней"), default=30,
        help_text=_("Сколько дней после окончания периода (или после изменения) даётся на публикацию."))
    reminder_days = models.PositiveIntegerField(
        _("напомнить за, дней"), default=7, help_text=_("За сколько дней до срока ответственному придёт письмо."))
    changed_on = models.DateField(
        _("дата последнего изменения сведений"), null=True, blank=True,
        help_text=_("Только для раскрытия «при изменении»: срок публикации считается от этой даты."))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ответственный"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    owner_email = models.EmailField(_("почта ответственного"), blank=True,
                                    help_text=_("Если пусто, напоминание идёт на почту ответственного пользователя."))
    sort_order = models.PositiveIntegerField(_("порядок"), default=0)

    panels = [
        FieldPanel("code"),
        MultiFieldPanel([FieldPanel("title_ru"), FieldPanel("title_en")], heading=_("что раскрывается")),
        MultiFieldPanel([FieldPanel("description_ru"), FieldPanel("description_en")], heading=_("пояснение")),
        MultiFieldPanel([FieldPanel("legal_basis_ru"), FieldPanel("legal_basis_en")], heading=_("основание")),
        FieldPanel("frequency"), FieldPanel("due_days"), FieldPanel("changed_on"), FieldPanel("reminder_days"),
        FieldPanel("owner"), FieldPanel("owner_email"), FieldPanel("sort_order"),
        InlinePanel("publications", heading=_("опубликованные документы"), label=_("документ")),
    ]

    class Meta:
        verbose_name = _("раскрываемая информация")
        verbose_name_plural = _("раскрытие информации")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.title

    @property
    def periodic(self):
        return self.frequency != rules.ON_CHANGE

    def reminder_address(self):
        return self.owner_email or (self.owner.email if self.owner_id and self.owner else "")

    def obligation(self, today):
        """(period start, due date, published?) of what is to be published now; start and due
        are None for an item published on change with no recorded change."""
        pubs = list(self.publications.all())
        if self.periodic:
            period = rules.period_to_publish(self.frequency, today)
            due = rules.due_date(period, self.due_days)
            published = any(p.period_start == period.start for p in pubs)
            return period.start, due, published, period
        if self.changed_on is None:
            return None, None, bool(pubs), None
        due = rules.due_after_change(self.changed_on, self.due_days)
        published = any(p.period_start >= self.changed_on for p in pubs)
        return self.changed_on, due, published, None

    def status(self, today):
        _start, due, published, _period = self.obligation(today)
        return rules.status(published, due, today)

    def current(self):
        pubs = sorted(self.publications.all(), key=lambda p: (p.period_start, p.published_on, p.pk), reverse=True)
        return pubs[0] if pubs else None

    def archive(self):
        pubs = sorted(self.publications.all(), key=lambda p: (p.period_start, p.published_on, p.pk), reverse=True)
        return pubs[1:]


class DisclosurePublication(models.Model):
    item = ParentalKey(DisclosureItem, on_delete=models.CASCADE, related_name="publications")
    period_start = models.DateField(
        _("период с"), help_text=_("Первый день квартала, полугодия или года; для раскрытия при изменении — дата изменения."))
    published_on = models.DateField(_("дата публикации"))
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("документ или данные"),
                                 on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("period_start"), FieldPanel("published_on"), FieldPanel("document")]

    class Meta:
        verbose_name = _("опубликованный документ")
        verbose_name_plural = _("опубликованные документы")
        ordering = ["-period_start", "-published_on"]

    def __str__(self):
        return f"{self.item}: {self.period_start:%d.%m.%Y}"

    def period(self):
        if self.item.periodic:
            return rules.period_containing(self.item.frequency, self.period_start)
        return None


class ReminderSent(models.Model):
    """One row per item and period: the reminder went out, so it never goes out twice."""
    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="reminders")
    period_start = models.DateField()
    due_date = models.DateField()
    to = models.CharField(max_length=254)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("отправленное напоминание")
        verbose_name_plural = _("отправленные напоминания")
        constraints = [models.UniqueConstraint(fields=["item", "period_start"], name="disclosure_one_reminder_per_period")]
