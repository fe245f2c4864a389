"""Contact numbers editors keep in one place: a Wagtail site setting (Settings → «Контакты»).

The hotline is typed here once: its name and its number as people read it; the ``tel:`` target
is derived from the number, never typed separately. Templates read it through
``{% hotline as hotline %}`` (``cms_pages.templatetags.contacts``), which also works where there is
no request (e-mails) or no database (the bare error pages): then it falls back to ``FALLBACK``.

The site's other contacts are fields of the same setting, read through ``{% site_contacts as
contacts %}``: the e-mail address for written requests (footer), the grid connection department's
number and e-mail (connection fee pages) and the e-mail of the person responsible for personal
data processing (152-FZ art. 18.1 p. 1 and art. 22.1; footer). They are numbers and addresses, the
same in both languages, so they have no English twins. Empty means "not shown"; the demo fills
them (``demo.content.contacts``). A service centre's, an organisation's or a network district's
own phone stays on its page, snippet or registry record: those are not site-wide contacts.
"""
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# The values the data migration preloaded; used only when the database cannot be read.
DEFAULT_HOTLINE_NAME = "Светлая линия"
DEFAULT_HOTLINE_NAME_EN = "Svetlaya Liniya"
DEFAULT_HOTLINE_NUMBER = "8-800-220-0-220"


def tel_target(number):
    """The ``tel:`` target of a number as people write it: digits only, a leading + kept.

    «8-800-220-0-220» → «88002200220»; «+7 (8182) 63-60-60» → «+78182636060».
    """
    number = (number or "").strip()
    digits = re.sub(r"\D", "", number)
    return ("+" + digits) if number.startswith("+") and digits else digits


@dataclass(frozen=True)
class Hotline:
    name: str
    number: str

    @property
    def tel(self):
        return tel_target(self.number)

    @property
    def href(self):
        return f"tel:{self.tel}"

    def __str__(self):
        return self.number


@dataclass(frozen=True)
class Phone:
    """A number as people read it, with its ``tel:`` link (``""`` when not set)."""

    number: str

    @property
    def href(self):
        return f"tel:{tel_target(self.number)}" if self.number else ""

    def __bool__(self):
        return bool(self.number)

    def __str__(self):
        return self.number


@dataclass(frozen=True)
class Contacts:
    """Every site-wide contact of the «Контакты» setting (``ContactSettings.contacts``)."""

    hotline: Hotline
    email: str = ""
    connection_phone: Phone = Phone("")
    connection_email: str = ""
    privacy_email: str = ""


def fallback(language=None):
    name = DEFAULT_HOTLINE_NAME_EN if (language or "").startswith("en") else DEFAULT_HOTLINE_NAME
    return Hotline(name=name, number=DEFAULT_HOTLINE_NUMBER)


def check_number(number, example):
    """The message for a phone number people could not dial, or None: 5 to 15 digits, and only
    digits, spaces, brackets, hyphens and a + (as in «+7 (8182) 63-60-60»)."""
    digits = re.sub(r"\D", "", number or "")
    if not 5 <= len(digits) <= 15:
        return _("В номере должно быть от 5 до 15 цифр, например %(example)s.") % {"example": example}
    if re.search(r"[^\d\s()+\-]", number or ""):
        return _("В номере могут быть только цифры, пробелы, скобки, дефисы и знак + в начале.")
    return None


@register_setting(icon="mobile-alt")
class ContactSettings(BaseSiteSetting):
    hotline_name = models.CharField(
        _("название горячей линии"), max_length=100, default=DEFAULT_HOTLINE_NAME,
        help_text=_("Как линию называют на сайте, без кавычек: например, Светлая линия."))
    hotline_number = models.CharField(
        _("номер горячей линии"), max_length=30, default=DEFAULT_HOTLINE_NUMBER,
        help_text=_("Как номер показывают людям, например 8-800-220-0-220. Ссылку для звонка сайт "
                    "составляет из цифр этого номера."))

    email = models.EmailField(
        _("электронная почта для обращений"), blank=True,
        help_text=_("Адрес для письменных обращений; показывается внизу каждой страницы. Пусто — не показывать."))
    connection_number = models.CharField(
        _("телефон отдела технологического присоединения"), max_length=30, blank=True,
        help_text=_("Показывается на страницах платы за присоединение, например 8 (8182) 00-06-06."))
    connection_email = models.EmailField(_("почта отдела технологического присоединения"), blank=True)
    privacy_email = models.EmailField(
        _("почта ответственного за обработку персональных данных"), blank=True,
        help_text=_("Для запросов о персональных данных (152-ФЗ, ст. 18.1 и 22.1); показывается внизу "
                    "каждой страницы."))

    panels = [
        MultiFieldPanel([FieldPanel("hotline_name"), FieldPanel("hotline_number")],
                        heading=_("Круглосуточная горячая линия")),
        FieldPanel("email"),
        MultiFieldPanel([FieldPanel("connection_number"), FieldPanel("connection_email")],
                        heading=_("Технологическое присоединение")),
        FieldPanel("privacy_email"),
    ]

    class Meta:
        verbose_name = _("контакты")
        verbose_name_plural = _("контакты")

    def clean(self):
        super().clean()
        errors = {}
        problem = check_number(self.hotline_number, "8-800-220-0-220")
        if problem:
            errors["hotline_number"] = problem
        problem = self.connection_number and check_number(self.connection_number, "8 (8182) 00-06-06")
        if problem:
            errors["connection_number"] = problem
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # modeltranslation copies the Russian default into the English twin: a new site's
        # setting gets the English name instead
        if self.pk is None and getattr(self, "hotline_name_en", None) in (None, "", DEFAULT_HOTLINE_NAME):
            self.hotline_name_en = DEFAULT_HOTLINE_NAME_EN
        super().save(*args, **kwargs)

    @property
    def hotline(self):
        return Hotline(name=self.hotline_name, number=self.hotline_number)

    @property
    def contacts(self):
        return Contacts(hotline=self.hotline, email=self.email, connection_phone=Phone(self.connection_number),
                        connection_email=self.connection_email, privacy_email=self.privacy_email)
