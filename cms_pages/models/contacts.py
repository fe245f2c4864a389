"""Contact numbers editors keep in one place: a Wagtail site setting (Settings → «Контакты»).

The hotline is typed here once: its name and its number as people read it; the ``tel:`` target
is derived from the number, never typed separately. Templates read it through
``{% hotline as hotline %}`` (``cms_pages.templatetags.contacts``), which also works where there is
no request (e-mails) or no database (the bare error pages): then it falls back to ``FALLBACK``.
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


def fallback(language=None):
    name = DEFAULT_HOTLINE_NAME_EN if (language or "").startswith("en") else DEFAULT_HOTLINE_NAME
    return Hotline(name=name, number=DEFAULT_HOTLINE_NUMBER)


@register_setting(icon="mobile-alt")
class ContactSettings(BaseSiteSetting):
    hotline_name = models.CharField(
        _("название горячей линии"), max_length=100, default=DEFAULT_HOTLINE_NAME,
        help_text=_("Как линию называют на сайте, без кавычек: например, Светлая линия."))
    hotline_number = models.CharField(
        _("номер горячей линии"), max_length=30, default=DEFAULT_HOTLINE_NUMBER,
        help_text=_("Как номер показывают людям, например 8-800-220-0-220. Ссылку для звонка сайт "
                    "составляет из цифр этого номера."))

    panels = [MultiFieldPanel([FieldPanel("hotline_name"), FieldPanel("hotline_number")],
                              heading=_("Круглосуточная горячая линия"))]

    class Meta:
        verbose_name = _("контакты")
        verbose_name_plural = _("контакты")

    def clean(self):
        super().clean()
        digits = re.sub(r"\D", "", self.hotline_number or "")
        if not 5 <= len(digits) <= 15:
            raise ValidationError({"hotline_number": _(
                "В номере должно быть от 5 до 15 цифр, например 8-800-220-0-220.")})
        if re.search(r"[^\d\s()+\-]", self.hotline_number or ""):
            raise ValidationError({"hotline_number": _(
                "В номере могут быть только цифры, пробелы, скобки, дефисы и знак + в начале.")})

    def save(self, *args, **kwargs):
        # modeltranslation copies the Russian default into the English twin: a new site's
        # setting gets the English name instead
        if self.pk is None and getattr(self, "hotline_name_en", None) in (None, "", DEFAULT_HOTLINE_NAME):
            self.hotline_name_en = DEFAULT_HOTLINE_NAME_EN
        super().save(*args, **kwargs)

    @property
    def hotline(self):
        return Hotline(name=self.hotline_name, number=self.hotline_number)
