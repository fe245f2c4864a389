"""Cases: every request a citizen makes becomes a tracked case with a reference, a responsible
unit, a legal due date and a history of every change."""
import datetime
import os
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from cases.request_types import CALLBACK, REQUEST_TYPE_CHOICES
from cases.rules import deadlines, reference
from cases.rules.routing import Route


class PrivateStorage(FileSystemStorage):
    """Attachments live outside MEDIA_ROOT: only officers get them, through a checked view.
    The location is read from settings on each use (CASES_PRIVATE_ROOT, default var/private/cases)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(getattr(settings, "CASES_PRIVATE_ROOT", settings.VAR_DIR / "private" / "cases"))

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage():
    return PrivateStorage()


class Unit(models.Model):
    """A unit of the company, or a third party requests are forwarded to."""
    INTERNAL = "internal"
    THIRD_PARTY = "third_party"
    KIND_CHOICES = [(INTERNAL, _("подразделение компании")), (THIRD_PARTY, _("третья сторона"))]

    code = models.SlugField(_("код"), max_length=50, unique=True)
    name = models.CharField(_("название"), max_length=255)
    kind = models.CharField(_("вид"), max_length=20, choices=KIND_CHOICES, default=INTERNAL)
    email = models.EmailField(_("адрес электронной почты"), blank=True,
                              help_text=_("Для третьей стороны: сюда пересылаются обращения."))
    head_email = models.EmailField(_("почта руководителя"), blank=True,
                                   help_text=_("Получает уведомления о просроченных обращениях."))
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    officers = models.ForeignKey(Group, verbose_name=_("группа сотрудников"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="case_units",
                                 help_text=_("Сотрудники этой группы видят обращения подразделения."))
    higher_unit = models.ForeignKey("self", verbose_name=_("вышестоящее подразделение"), null=True,
                                    blank=True, on_delete=models.SET_NULL,
                                    help_text=_("Сюда направляются обжалования решений."))

    class Meta:
        verbose_name = _("подразделение или третья сторона")
        verbose_name_plural = _("подразделения и третьи стороны")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_third_party(self):
        return self.kind == self.THIRD_PARTY


class RoutingRule(models.Model):
    """Request type → who answers and by when. Edited by administrators; preloaded from the
    routing table of the service standard (see domain.md)."""
    request_type = models.CharField(_("тип обращения"), max_length=30, choices=REQUEST_TYPE_CHOICES,
                                    unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("ответственный"), on_delete=models.PROTECT)
    deadline_days = models.PositiveIntegerField(
        _("срок"), help_text=_("В днях; для вида «рабочие часы колл-центра» — в часах."))
    deadline_kind = models.CharField(_("вид срока"), max_length=10, default=deadlines.CALENDAR,
                                     choices=[(deadlines.CALENDAR, _("календарные дни")),
                                              (deadlines.WORKING, _("рабочие дни")),
                                              (deadlines.HOURS, _("рабочие часы колл-центра"))])
    transfer_consent_required = models.BooleanField(
        _("нужно отдельное согласие на передачу третьей стороне"), default=False)
    reason = models.TextField(_("что сообщить заявителю"), blank=True,
                              help_text=_("Почему обращение направлено этому исполнителю и что будет дальше."))
    basis = models.CharField(_("основание"), max_length=255, blank=True)
    retention_days = models.PositiveIntegerField(
        _("срок хранения персональных данных после закрытия, дней"), default=1095)

    class Meta:
        verbose_name = _("правило маршрутизации")
        verbose_name_plural = _("правила маршрутизации")
        ordering = ["request_type"]

    def __str__(self):
        return str(self.get_request_type_display())

    def as_route(self):
        return Route(request_type=self.request_type, unit_id=self.unit_id, unit_name=self.unit.name,
                     is_third_party=self.unit.is_third_party, third_party_email=self.unit.email,
                     deadline_days=self.deadline_days, deadline_kind=self.deadline_kind,
                     transfer_consent_required=self.transfer_consent_required, reason=self.reason)


class CalendarDay(models.Model):
    """The production calendar: public holidays and weekends moved to other days."""
    HOLIDAY = "holiday"
    WORKING = "working"
    KIND_CHOICES = [(HOLIDAY, _("нерабочий (праздник или перенос)")),
                    (WORKING, _("рабочий (перенесённый выходной)"))]

    date = models.DateField(_("дата"), unique=True)
    kind = models.CharField(_("вид"), max_length=10, choices=KIND_CHOICES, default=HOLIDAY)
    name = models.CharField(_("название"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("день производственного календаря")
        verbose_name_plural = _("производственный календарь")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.name}"

    @classmethod
    def calendar(cls):
        holidays, working = set(), set()
        for day, kind in cls.objects.values_list("date", "kind"):
            (working if kind == cls.WORKING else holidays).add(day)
        return deadlines.ProductionCalendar(frozenset(holidays), frozenset(working))


@register_setting(icon="time")
class CallCentreSettings(BaseGenericSetting):
    """The call centre's working hours: the one home of the figure. Callback windows are offered
    inside them and the callback target (the "callback" routing rule, in hours) counts only them,
    on the working days of the production calendar."""
    opens_at = models.TimeField(_("колл-центр открывается"), default=datetime.time(9, 0))
    closes_at = models.TimeField(_("колл-центр закрывается"), default=datetime.time(18, 0))

    class Meta:
        verbose_name = _("часы работы колл-центра")

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": _("Время закрытия должно быть позже времени открытия.")})

    @classmethod
    def current(cls):
        return cls.load()


class ConsentText(models.Model):
    """Versioned consent wording: the case stores which version the applicant agreed to."""
    PERSONAL_DATA = "personal_data"
    TRANSFER = "transfer"
    KIND_CHOICES = [(PERSONAL_DATA, _("согласие на обработку персональных данных")),
                    (TRANSFER, _("согласие на передачу третьей стороне"))]

    kind = models.CharField(_("вид"), max_length=20, choices=KIND_CHOICES)
    version = models.CharField(_("версия"), max_length=30)
    text = models.TextField(_("текст"))
    valid_from = models.DateField(_("действует с"))
    policy_url = models.CharField(_("ссылка на политику обработки персональных данных"), max_length=255,
                                  blank=True)

    class Meta:
        verbose_name = _("текст согласия")
        verbose_name_plural = _("тексты согласий")
        ordering = ["kind", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="cases_consent_version")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"

    @classmethod
    def current(cls, kind):
        today = timezone.localdate()
        return cls.objects.filter(kind=kind, valid_from__lte=today).order_by("-valid_from").first()


class Case(models.Model):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    CLOSED = "closed"
    STATUS_CHOICES = [
        (RECEIVED, _("зарегистрировано")),
        (IN_PROGRESS, _("в работе")),
        (WAITING, _("ждём ответа заявителя")),
        (FORWARDED, _("передано третьей стороне")),
        (ANSWERED, _("дан ответ")),
        (CLOSED, _("закрыто")),
    ]
    OPEN_STATUSES = (RECEIVED, IN_PROGRESS, WAITING, FORWARDED)

    WEB, PHONE, VISIT, LETTER = "web", "phone", "visit", "letter"
    CHANNEL_CHOICES = [(WEB, _("сайт")), (PHONE, _("телефон")), (VISIT, _("личный приём")),
                       (LETTER, _("письмо"))]

    reference = models.CharField(_("номер"), max_length=20, unique=True, editable=False)
    access_code = models.CharField(_("код доступа"), max_length=12, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    request_type = models.CharField(_("тип обращения"), max_length=30, choices=REQUEST_TYPE_CHOICES)
    channel = models.CharField(_("канал"), max_length=10, choices=CHANNEL_CHOICES, default=WEB)
    language = models.CharField(_("язык заявителя"), max_length=5, default="ru")
    status = models.CharField(_("статус"), max_length=20, choices=STATUS_CHOICES, default=RECEIVED)
    unit = models.ForeignKey(Unit, verbose_name=_("ответственный"), on_delete=models.PROTECT,
                             related_name="cases")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("исполнитель"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="assigned_cases")
    due_date = models.DateField(_("срок ответа"))
    # Deadlines counted in hours (a callback): the moment; due_date is its day.
    due_at = models.DateTimeField(_("срок (время)"), null=True, blank=True, editable=False)
    # One extension (59-FZ art. 12 part 2, cases.rules.extensions).
    extended_at = models.DateTimeField(_("срок продлён"), null=True, blank=True, editable=False)
    due_date_before_extension = models.DateField(_("срок до продления"), null=True, blank=True,
                                                 editable=False)
    extension_reason = models.TextField(_("причина продления"), blank=True, editable=False)
    # Referral to the competent body (59-FZ art. 8 part 3, cases.rules.referrals).
    referred_to = models.ForeignKey(Unit, verbose_name=_("направлено по принадлежности"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="referred_cases",
                                    editable=False)
    referred_at = models.DateTimeField(_("когда направлено"), null=True, blank=True, editable=False)
    referral_reason = models.TextField(_("почему направлено"), blank=True, editable=False)
    # A callback request: the window the citizen chose (empty: as soon as possible).
    callback_from = models.DateTimeField(_("перезвонить с"), null=True, blank=True, editable=False)
    callback_to = models.DateTimeField(_("перезвонить до"), null=True, blank=True, editable=False)
    # The day a letter (or other paper request) arrived, when it is earlier than registration:
    # the legal deadline counts from it.
    received_on = models.DateField(_("получено"), null=True, blank=True, editable=False)
    overdue_notified_at = models.DateTimeField(_("просрочка отмечена"), null=True, blank=True,
                                               editable=False)
    routing_reason = models.TextField(_("почему этот исполнитель"), blank=True, editable=False)
    created_at = models.DateTimeField(_("зарегистрировано"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)
    closed_at = models.DateTimeField(_("закрыто"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("данные обезличены"), null=True, blank=True, editable=False)

    # The applicant: only what the request type needs.
    applicant_name = models.CharField(_("имя заявителя"), max_length=200)
    email = models.EmailField(_("электронная почта"), blank=True)
    phone = models.CharField(_("телефон"), max_length=30, blank=True)
    postal_address = models.TextField(_("почтовый адрес для ответа"), blank=True)
    site_address = models.TextField(_("адрес объекта"), blank=True)
    account_number = models.CharField(_("лицевой счёт"), max_length=30, blank=True)
    application_number = models.CharField(_("номер заявки на присоединение"), max_length=50, blank=True)
    earlier_reference = models.CharField(_("номер обжалуемого обращения"), max_length=20, blank=True)
    appeal_of = models.ForeignKey("self", verbose_name=_("обжалуемое обращение"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="appeals", editable=False)
    # The outcome of an appeal (a complaint about an earlier decision): the service-quality report
    # counts the upheld ones (order 186, appendix 7: complaints and how they were resolved).
    UPHELD, PARTLY_UPHELD, DISMISSED = "upheld", "partly", "dismissed"
    APPEAL_DECISION_CHOICES = [(UPHELD, _("удовлетворена")), (PARTLY_UPHELD, _("удовлетворена частично")),
                               (DISMISSED, _("оставлена без удовлетворения"))]
    appeal_decision = models.CharField(
        _("решение по жалобе"), max_length=10, blank=True, choices=APPEAL_DECISION_CHOICES,
        help_text=_("Для обжалования: пересмотрено ли обжалуемое решение в пользу заявителя."))
    details = models.JSONField(_("ответы на вопросы"), default=dict, blank=True, editable=False)
    message = models.TextField(_("текст обращения"))

    # Consent (152-FZ): when, which text, where it was given.
    consent_at = models.DateTimeField(_("согласие на обработку дано"), null=True, blank=True, editable=False)
    consent_version = models.CharField(_("версия текста согласия"), max_length=30, blank=True, editable=False)
    consent_source = models.CharField(_("где дано согласие"), max_length=255, blank=True, editable=False)
    transfer_consent = models.BooleanField(_("согласие на передачу третьей стороне"), default=False,
                                           editable=False)
    transfer_consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    transfer_consent_version = models.CharField(max_length=30, blank=True, editable=False)
    forwarded_at = models.DateTimeField(_("передано третьей стороне"), null=True, blank=True, editable=False)

    # The applicant's rating of the answer.
    rating_satisfied = models.BooleanField(_("заявитель доволен ответом"), null=True, blank=True, editable=False)
    rating_comment = models.TextField(_("комментарий к оценке"), blank=True, editable=False)
    rated_at = models.DateTimeField(_("оценено"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("обращение")
        verbose_name_plural = _("обращения")
        ordering = ["due_date", "created_at"]
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["unit", "status"])]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        if self.due_at is not None:  # a deadline in hours (a callback)
            return self.is_open and timezone.now() > self.due_at
        return deadlines.is_overdue(self.due_date, timezone.localdate(), not self.is_open)

    @property
    def applicant_attachments(self):
        return self.attachments.filter(reply__isnull=True)

    @property
    def is_callback(self):
        return self.request_type == CALLBACK

    @cached_property
    def rule(self):
        return RoutingRule.objects.select_related("unit").filter(request_type=self.request_type).first()

    def save(self, *args, **kwargs):
        if not self.reference:
            self._save_with_new_reference(*args, **kwargs)
        else:
            super().save(*args, **kwargs)

    def _save_with_new_reference(self, *args, **kwargs):
        """A random reference may collide with an existing one: draw again (savepoint per try)."""
        if not self.access_code:
            self.access_code = reference.generate_access_code()
        year = timezone.localdate(self.created_at).year
        for _attempt in range(10):
            self.reference = reference.generate_reference(year)
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                if self.submission_key and Case.objects.filter(submission_key=self.submission_key).exists():
                    raise
                self.pk = None
        raise IntegrityError("could not find a free reference number")


class CaseEvent(models.Model):
    """The history of a case: who did what and when. Never edited, only added."""
    CREATED, STATUS, UNIT, ASSIGNED, NOTE, REPLY, EMAIL, FORWARDED, VIEWED, OVERDUE, PURGED, RATED = (
        "created", "status", "unit", "assigned", "note", "reply", "email", "forwarded", "viewed",
        "overdue", "purged", "rated")
    LINKED = "linked"
    EXTENDED, REFERRED = "extended", "referred"
    DECIDED = "decided"
    KIND_CHOICES = [
        (CREATED, _("зарегистрировано")), (STATUS, _("изменён статус")),
        (UNIT, _("изменён ответственный")), (ASSIGNED, _("назначен исполнитель")),
        (NOTE, _("внутренняя заметка")), (REPLY, _("ответ заявителю")), (EMAIL, _("письмо")),
        (FORWARDED, _("передано третьей стороне")), (VIEWED, _("просмотр персональных данных")),
        (OVERDUE, _("просрочено")), (PURGED, _("данные обезличены")), (RATED, _("оценка ответа")),
        (LINKED, _("связано с обжалуемым обращением")),
        (EXTENDED, _("срок продлён")), (REFERRED, _("направлено по принадлежности")),
        (DECIDED, _("решение по жалобе")),
    ]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("когда"), default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("кто"), null=True, blank=True,
                             on_delete=models.SET_NULL)
    kind = models.CharField(_("что"), max_length=20, choices=KIND_CHOICES)
    old_value = models.CharField(_("было"), max_length=255, blank=True)
    new_value = models.CharField(_("стало"), max_length=255, blank=True)
    text = models.TextField(_("подробности"), blank=True)

    class Meta:
        verbose_name = _("событие обращения")
        verbose_name_plural = _("история обращений")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.case} {self.get_kind_display()}"


class CaseNote(models.Model):
    """An internal note: never shown or sent to the applicant."""
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("заметка"))

    class Meta:
        verbose_name = _("внутренняя заметка")
        verbose_name_plural = _("внутренние заметки")
        ordering = ["created_at"]


class CaseReply(models.Model):
    """A reply to the applicant, e-mailed through the outbox and kept with the case."""
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("ответ"))
    outbox = models.ForeignKey("OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("ответ заявителю")
        verbose_name_plural = _("ответы заявителю")
        ordering = ["created_at"]


def attachment_path(instance, filename):
    return f"{instance.case.created_at:%Y/%m}/{uuid.uuid4().hex}"


class CaseAttachment(models.Model):
    """A file of the case: the applicant's (``reply`` empty) or a document sent with a reply."""
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    reply = models.ForeignKey(CaseReply, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="documents")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("вложение")
        verbose_name_plural = _("вложения")

    def __str__(self):
        return self.original_name


class OutgoingEmail(models.Model):
    """The outbox: a message is stored with the case in one transaction and sent after commit;
    failures stay here to be retried by ``send_pending_emails``."""
    PENDING, SENT, FAILED = "pending", "sent", "failed"
    STATUS_CHOICES = [(PENDING, _("ожидает отправки")), (SENT, _("отправлено")),
                      (FAILED, _("ошибка отправки"))]
    ACK, REPLY, FORWARD, OVERDUE = "ack", "reply", "forward", "overdue"
    EXTENSION, REFERRAL = "extension", "referral"
    # Kinds of the apps that send through this outbox (connection_applications, visits).
    STAGE, VISIT = "stage", "visit"
    KIND_CHOICES = [(ACK, _("подтверждение регистрации")), (REPLY, _("ответ")),
                    (FORWARD, _("пересылка третьей стороне")), (OVERDUE, _("уведомление о просрочке")),
                    (EXTENSION, _("уведомление о продлении срока")),
                    (REFERRAL, _("уведомление о направлении по принадлежности")),
                    (STAGE, _("этап присоединения")), (VISIT, _("запись на приём"))]

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails")
    kind = models.CharField(_("вид"), max_length=10, choices=KIND_CHOICES)
    to = models.CharField(_("кому"), max_length=254)
    subject = models.CharField(_("тема"), max_length=255)
    body = models.TextField(_("текст"))
    status = models.CharField(_("статус"), max_length=10, choices=STATUS_CHOICES, default=PENDING)
    attempts = models.PositiveIntegerField(_("попыток"), default=0)
    last_error = models.TextField(_("последняя ошибка"), blank=True)
    created_at = models.DateTimeField(_("создано"), default=timezone.now)
    sent_at = models.DateTimeField(_("отправлено"), null=True, blank=True)

    class Meta:
        verbose_name = _("исходящее письмо")
        verbose_name_plural = _("исходящие письма")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"


class SubmissionThrottle(models.Model):
    """Counts submissions per client key (hashed IP or session) in a time window; kept in the
    database so it holds across server processes."""
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "created_at"])]

