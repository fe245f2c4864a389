"""The form of «Импорт решения о тарифах»: the page, the decision, its period and the price table."""
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms_pages.codes import BAND_CHOICES, CONSUMER_GROUP_CHOICES, RATE_TYPE_CHOICES, ZONE_CHOICES, ZONES
from cms_pages.models import LegalAct, TariffPage
from decisions.rules.parsing import MAX_ROWS

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


def editable_tariff_pages(user):
    """The tariff pages this user may edit (Wagtail's page permissions)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return TariffPage.objects.filter(pk__in=editable.values("pk")).order_by("path")


def codes_help():
    """The accepted code values, read from ``cms_pages.codes`` (shown under the table fields)."""
    def listing(choices):
        return [(code, str(label)) for code, label in choices]
    return {
        "groups": listing(CONSUMER_GROUP_CHOICES), "rate_types": listing(RATE_TYPE_CHOICES),
        "zones": listing(ZONE_CHOICES), "bands": listing(BAND_CHOICES),
        "zones_of": {rate: ", ".join(zones) for rate, zones in ZONES.items()}, "max_rows": MAX_ROWS,
    }


class DecisionImportForm(forms.Form):
    page = forms.ModelChoiceField(label=_("Страница тарифов"), queryset=TariffPage.objects.none())
    legal_act = forms.ModelChoiceField(
        label=_("Решение регулятора (уже внесённое)"), queryset=LegalAct.objects.all(), required=False,
        help_text=_("Выберите приказ из списка правовых актов или заполните поля нового ниже."))
    act_title = forms.CharField(label=_("Название нового решения"), max_length=300, required=False,
                                help_text=_("Например: Приказ об установлении цен (тарифов) на электрическую "
                                            "энергию для населения"))
    act_number = forms.CharField(label=_("Номер"), max_length=60, required=False)
    act_date = forms.DateField(label=_("Дата решения"), required=False, input_formats=DATE_FORMATS,
                               help_text=_("ДД.ММ.ГГГГ"))
    act_issuer = forms.CharField(label=_("Кем издано"), max_length=300, required=False)
    act_url = forms.URLField(label=_("Ссылка на текст решения"), required=False)
    effective_from = forms.DateField(label=_("Цены действуют с"), input_formats=DATE_FORMATS,
                                     help_text=_("ДД.ММ.ГГГГ, например 01.07.2026"))
    effective_to = forms.DateField(label=_("по"), required=False, input_formats=DATE_FORMATS,
                                   help_text=_("ДД.ММ.ГГГГ; пусто — до следующего решения"))
    file = forms.FileField(label=_("Файл CSV или XLSX"), required=False,
                           help_text=_("Не больше 2 МБ и %(rows)s строк.") % {"rows": MAX_ROWS})
    table = forms.CharField(
        label=_("Или вставьте таблицу"), required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80, "spellcheck": "false"}),
        help_text=_("Выделите строки в Excel или LibreOffice, скопируйте и вставьте сюда: столбцы разделяются "
                    "табуляцией."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["page"].queryset = editable_tariff_pages(user)
        for name in ("effective_from", "effective_to", "act_date"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self):
        data = super().clean()
        if not data.get("legal_act"):
            missing = [name for name in ("act_title", "act_number", "act_date", "act_issuer")
                       if not data.get(name) and name not in self.errors]
            for name in missing:
                self.add_error(name, _("Укажите это поле или выберите уже внесённое решение выше."))
            if not self.user.has_perm("cms_pages.add_legalact") and not missing:
                self.add_error("legal_act", _("У вас нет права добавлять правовые акты: выберите решение из "
                                              "списка или попросите администратора внести его."))
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("Дата окончания раньше даты начала."))
        if not data.get("file") and not (data.get("table") or "").strip():
            self.add_error("table", _("Загрузите файл или вставьте таблицу."))
        return data
