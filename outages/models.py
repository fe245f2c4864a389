"""The outage registry: places as data, outages with their places and their timeline, subscriptions."""
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from outages import addresses
from outages import status as st


class NetworkDistrict(models.Model):
    """A network district (РЭС): the unit that does the works and answers the phone."""
    name = models.CharField(_("название"), max_length=200)
    code = models.SlugField(_("код"), max_length=50, unique=True,
                            help_text=_("Латиницей, как в выгрузке диспетчерской системы, например kotlas."))
    phone = models.CharField(_("телефон диспетчера"), max_length=50)
    address = models.CharField(_("адрес"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("район электрических сетей (РЭС)")
        verbose_name_plural = _("районы электрических сетей (РЭС)")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Settlement(models.Model):
    CITY, TOWNSHIP, VILLAGE = "city", "township", "village"
    KIND_CHOICES = [(CITY, _("город")), (TOWNSHIP, _("посёлок")), (VILLAGE, _("село, деревня"))]

    name = models.CharField(_("название"), max_length=150, help_text=_("Без «г.» и «пос.»: Котлас, Луковецкий."))
    kind = models.CharField(_("тип"), max_length=20, choices=KIND_CHOICES, default=CITY)
    municipal_district = models.CharField(_("муниципальный район или округ"), max_length=150, blank=True)
    network_district = models.ForeignKey(NetworkDistrict, verbose_name=_("РЭС"), null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="settlements")
    slug = models.SlugField(_("адрес в ссылках"), max_length=80, unique=True,
                            help_text=_("Латиницей: kotlas. Используется в адресах лент RSS и iCalendar."))
    key = models.CharField(max_length=150, editable=False, db_index=True)
    key_alt = models.CharField(max_length=150, editable=False, blank=True, db_index=True)

    class Meta:
        verbose_name = _("населённый пункт")
        verbose_name_plural = _("населённые пункты")
        ordering = ["name"]

    def __str__(self):
        if self.municipal_district:
            return f"{self.name} ({self.municipal_district})"
        return self.name

    def save(self, *args, **kwargs):
        self.key = addresses.settlement_key(self.name_ru or self.name)
        self.key_alt = addresses.settlement_key(self.name_en) if self.name_en else ""
        super().save(*args, **kwargs)


class Street(models.Model):
    settlement = models.ForeignKey(Settlement, verbose_name=_("населённый пункт"), on_delete=models.CASCADE,
                                   related_name="streets")
    name = models.CharField(_("название"), max_length=200,
                            help_text=_("Как на табличках: «ул. Ленина», «пр-т Троицкий», «наб. Северной Двины»."))
    street_type = models.CharField(max_length=20, editable=False, blank=True)
    key = models.CharField(max_length=200, editable=False)
    key_alt = models.CharField(max_length=200, editable=False, blank=True)

    class Meta:
        verbose_name = _("улица")
        verbose_name_plural = _("улицы")
        ordering = ["settlement__name", "key"]
        indexes = [models.Index(fields=["settlement", "key"]), models.Index(fields=["key"]),
                   models.Index(fields=["key_alt"])]
        constraints = [models.UniqueConstraint(fields=["settlement", "street_type", "key"],
                                               name="outages_street_unique_per_settlement")]

    def __str__(self):
        return f"{self.name}, {self.settlement.name}"

    def clean(self):
        street_type, key = addresses.street_key(self.name_ru or self.name)
        if not key:
            raise ValidationError({"name": _("Укажите название улицы.")})
        if self.settlement_id and Street.objects.filter(settlement_id=self.settlement_id, street_type=street_type,
                                                        key=key).exclude(pk=self.pk).exists():
            raise ValidationError({"name": _("Такая улица в этом населённом пункте уже есть.")})

    def save(self, *args, **kwargs):
        self.street_type, self.key = addresses.street_key(self.name_ru or self.name)
        self.key_alt = addresses.street_key(self.name_en)[1] if self.name_en else ""
        super().save(*args, **kwargs)


class OutageQuerySet(models.QuerySet):
    def current(self, now=None):
        """Current and coming outages, as the public list shows them."""
        now = now or timezone.now()
        return self.filter(Q(status=st.IN_PROGRESS) | Q(status=st.ANNOUNCED, ends_at__gt=now))

    def in_progress(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(status=st.IN_PROGRESS) | Q(status=st.ANNOUNCED, starts_at__lte=now, ends_at__gt=now))


class Outage(ClusterableModel):
    """One outage: planned works or an emergency, with the places it affects."""
    MANUAL, IMPORT = "manual", "import"

    kind = models.CharField(_("вид"), max_length=20, choices=st.KIND_CHOICES, default=st.PLANNED)
    status = models.CharField(_("статус"), max_length=20, choices=st.STATUS_CHOICES, default=st.ANNOUNCED)
    starts_at = models.DateTimeField(_("начало"))
    ends_at = models.DateTimeField(_("ожидаемое окончание"))
    reason = models.TextField(_("причина простыми словами"),
                              help_text=_("Например: «замена опор линии 10 кВ». Без внутренних кодов."))
    advice = models.TextField(_("что делать жителям"), blank=True,
                              help_text=_("Необязательно. Например: «заранее зарядите телефоны»."))
    message = models.TextField(_("сообщение о ходе работ"), blank=True,
                               help_text=_("Новое сообщение попадает в хронологию на странице отключения."))
    network_district = models.ForeignKey(NetworkDistrict, verbose_name=_("РЭС"), on_delete=models.PROTECT,
                                         related_name="outages")
    external_id = models.CharField(_("номер в диспетчерской системе"), max_length=64, blank=True, db_index=True)
    source = models.CharField(max_length=10, editable=False, default=MANUAL)
    import_batch = models.ForeignKey("ImportBatch", null=True, blank=True, editable=False,
                                     on_delete=models.SET_NULL, related_name="outages")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OutageQuerySet.as_manager()

    class Meta:
        verbose_name = _("отключение")
        verbose_name_plural = _("отключения")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "ends_at"]), models.Index(fields=["starts_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.window_text} — {self.places_text}"

    # ---- presentation ----
    @property
    def window_text(self):
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        if start.date() == end.date():
            return f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"
        return (f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M} – "
                f"{formats.date_format(end, 'SHORT_DATE_FORMAT')} {end:%H:%M}")

    @property
    def places_text(self):
        parts = []
        for loc in self.locations.all():
            parts.append(str(loc))
        return "; ".join(parts)

    @property
    def title(self):
        return f"{self.get_kind_display().capitalize()}: {self.places_text}, {self.window_text}"

    def public_status(self, now=None):
        return st.public_status(self.status, self.starts_at, self.ends_at, now or timezone.now())

    def public_status_label(self, now=None):
        return st.PUBLIC_LABELS[self.public_status(now)]

    @property
    def is_in_progress(self):
        return self.public_status() == st.IN_PROGRESS

    @property
    def phone(self):
        return self.network_district.phone

    def get_absolute_url(self):
        return reverse("outages:detail", args=[self.pk])

    # ---- rules ----
    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Окончание должно быть позже начала.")
        if self.pk:
            old = Outage.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            try:
                st.check_transition(old, self.status)
            except st.StatusChangeError:
                errors["status"] = _("Нельзя перевести отключение из статуса «%(old)s» в «%(new)s».") % {
                    "old": dict(st.STATUS_CHOICES)[old], "new": dict(st.STATUS_CHOICES)[self.status]}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        old = Outage.objects.filter(pk=self.pk).first() if self.pk else None
        if old and old.status != self.status:
            st.check_transition(old.status, self.status)
        super().save(*args, **kwargs)
        self._log_changes(old)

    def _log_changes(self, old):
        """The timeline: creation, status changes, a moved end, and each new progress message."""
        now = timezone.now()
        if old is None:
            OutageEvent.objects.create(outage=self, at=now, status=self.status, kind=OutageEvent.CREATED,
                                       text_ru=self.message_ru or "", text_en=self.message_en or "")
            return
        if old.status != self.status:
            OutageEvent.objects.create(outage=self, at=now, status=self.status, kind=OutageEvent.STATUS)
        if old.ends_at != self.ends_at or old.starts_at != self.starts_at:
            OutageEvent.objects.create(outage=self, at=now, status=self.status, kind=OutageEvent.TIME,
                                       new_ends_at=self.ends_at)
        if (old.message_ru or "") != (self.message_ru or "") and (self.message_ru or self.message_en):
            OutageEvent.objects.create(outage=self, at=now, status=self.status, kind=OutageEvent.MESSAGE,
                                       text_ru=self.message_ru or "", text_en=self.message_en or "")

    def set_status(self, new_status, message_ru="", message_en=""):
        """Change the status with an optional message (dispatch, API, tests)."""
        st.check_transition(self.status, new_status)
        self.status = new_status
        if message_ru or message_en:
            self.message_ru, self.message_en = message_ru, message_en
        self.save()


class OutageLocation(Orderable):
    """A place an outage affects: a whole settlement, a whole street, or houses on a street."""
    outage = ParentalKey(Outage, on_delete=models.CASCADE, related_name="locations")
    settlement = models.ForeignKey(Settlement, verbose_name=_("населённый пункт"), on_delete=models.PROTECT,
                                   related_name="outage_locations")
    street = models.ForeignKey(Street, verbose_name=_("улица"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="outage_locations",
                               help_text=_("Пусто — отключается весь населённый пункт."))
    houses = models.CharField(_("дома"), max_length=255, blank=True,
                              help_text=_("Пусто — вся улица. Например: «1-15 нечётные; 2-20 чётные, 31, 33а»."))

    class Meta(Orderable.Meta):
        verbose_name = _("место отключения")
        verbose_name_plural = _("места отключения")
        indexes = [models.Index(fields=["street"]), models.Index(fields=["settlement", "street"])]

    def __str__(self):
        parts = [self.settlement.name]
        if self.street_id:
            parts.append(self.street.name)
        if self.houses:
            parts.append(str(_("дома %(houses)s") % {"houses": self.houses}))
        return ", ".join(parts)

    @property
    def ranges(self):
        return addresses.parse_house_ranges(self.houses)

    def covers_house(self, house):
        if not self.street_id:
            return True
        try:
            return addresses.house_in_ranges(house, self.ranges)
        except addresses.HouseRangeError:
            return True  # unreadable ranges: better to warn the whole street than nobody

    def clean(self):
        errors = {}
        if self.street_id and self.settlement_id and self.street.settlement_id != self.settlement_id:
            errors["street"] = _("Эта улица относится к другому населённому пункту.")
        if self.houses and not self.street_id:
            errors["houses"] = _("Дома указываются вместе с улицей.")
        try:
            addresses.parse_house_ranges(self.houses)
        except addresses.HouseRangeError as exc:
            errors["houses"] = _("Не удалось прочитать номера домов: «%(part)s». Пример: 1-15 нечётные; 2-20 чётные, 31.") % {
                "part": exc.args[0]}
        if errors:
            raise ValidationError(errors)


class OutageEvent(models.Model):
    """One entry of an outage's public timeline; written by Outage.save(), never by hand."""
    CREATED, STATUS, TIME, MESSAGE = "created", "status", "time", "message"
    KIND_CHOICES = [(CREATED, _("опубликовано")), (STATUS, _("изменён статус")),
                    (TIME, _("изменено время")), (MESSAGE, _("сообщение"))]

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("время"), default=timezone.now)
    kind = models.CharField(_("событие"), max_length=10, choices=KIND_CHOICES)
    status = models.CharField(_("статус"), max_length=20, choices=st.STATUS_CHOICES)
    new_ends_at = models.DateTimeField(_("новое ожидаемое окончание"), null=True, blank=True)
    text = models.TextField(_("текст"), blank=True)

    class Meta:
        verbose_name = _("событие отключения")
        verbose_name_plural = _("хронология отключения")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_kind_display()}"


class ImportBatch(models.Model):
    """An uploaded dispatch file: kept as text between the preview and the commit."""
    PREVIEW, COMMITTED, DISCARDED = "preview", "committed", "discarded"
    STATE_CHOICES = [(PREVIEW, _("предпросмотр")), (COMMITTED, _("загружено")), (DISCARDED, _("отменено"))]

    filename = models.CharField(_("файл"), max_length=255)
    content = models.TextField(editable=False)
    encoding = models.CharField(_("кодировка"), max_length=20)
    delimiter = models.CharField(_("разделитель"), max_length=5)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("загружен"), auto_now_add=True)
    state = models.CharField(_("состояние"), max_length=10, choices=STATE_CHOICES, default=PREVIEW)
    committed_at = models.DateTimeField(_("применён"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("строк"), default=0)
    created_count = models.PositiveIntegerField(_("создано отключений"), default=0)
    updated_count = models.PositiveIntegerField(_("изменено отключений"), default=0)

    class Meta:
        verbose_name = _("загрузка CSV")
        verbose_name_plural = _("загрузки CSV")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.filename} ({self.uploaded_at:%d.%m.%Y %H:%M})"


# ---- subscriptions --------------------------------------------------------------------------

class SubscriptionConsentText(models.Model):
    """Versioned wording of the consent to process the subscriber's e-mail address."""
    version = models.CharField(_("версия"), max_length=30, unique=True)
    text = models.TextField(_("текст согласия"))
    valid_from = models.DateField(_("действует с"))

    class Meta:
        verbose_name = _("текст согласия для подписки")
        verbose_name_plural = _("тексты согласия для подписки")
        ordering = ["-valid_from"]

    def __str__(self):
        return self.version

    @classmethod
    def current(cls):
        return cls.objects.filter(valid_from__lte=timezone.localdate()).order_by("-valid_from", "-pk").first()


def new_token():
    return secrets.token_urlsafe(24)


class Subscription(models.Model):
    """An e-mail subscription to a settlement or a street; active once confirmed (double opt-in)."""
    email = models.EmailField(_("электронная почта"), blank=True)
    settlement = models.ForeignKey(Settlement, verbose_name=_("населённый пункт"), on_delete=models.CASCADE,
                                   related_name="subscriptions")
    street = models.ForeignKey(Street, verbose_name=_("улица"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="subscriptions")
    language = models.CharField(_("язык писем"), max_length=5, choices=settings.LANGUAGES, default="ru")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("подтверждена"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("отписка"), null=True, blank=True)
    consent_text = models.ForeignKey(SubscriptionConsentText, verbose_name=_("текст согласия"),
                                     on_delete=models.PROTECT, related_name="subscriptions")
    consent_version = models.CharField(_("версия согласия"), max_length=30)
    consent_given_at = models.DateTimeField(_("согласие дано"))
    consent_source = models.CharField(_("источник согласия"), max_length=200)

    class Meta:
        verbose_name = _("подписка на отключения")
        verbose_name_plural = _("подписки на отключения")
        ordering = ["-created_at"]

    def __str__(self):
        place = self.street.name if self.street_id else self.settlement.name
        return f"{self.email or '—'}: {place}"

    @property
    def is_active(self):
        return bool(self.confirmed_at and not self.unsubscribed_at and self.email)

    @property
    def place_text(self):
        if self.street_id:
            return f"{self.settlement.name}, {self.street.name}"
        return self.settlement.name


class Notification(models.Model):
    """One notice sent: the (subscription, outage, fingerprint) triple is never sent twice."""
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="notifications")
    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="notifications")
    fingerprint = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("отправленное уведомление")
        verbose_name_plural = _("отправленные уведомления")
        constraints = [models.UniqueConstraint(fields=["subscription", "outage", "fingerprint"],
                                               name="outages_notification_once")]
