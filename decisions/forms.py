"""The form of a decision's import (any layout of ``decisions.layouts``): the page, the decision, its
period and the table."""
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms_pages.models import LegalAct
from cms_pages.models.dated import period_problem
from decisions.rules.parsing import MAX_ROWS

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


def editable_pages(user, layout):
    """The pages of the layout's page type this user may edit (Wagtail's page permissions)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return layout.page_model.objects.filter(pk__in=editable.values("pk")).order_by("path")


def layout_help(layout):
    """What the form shows of the layout: its columns, code lists (read from their homes) and example."""
    return {"description": layout.description, "columns": [column.label for column in layout.columns],
            "code_lists": layout.code_lists(), "notes": getattr(layout, "code_notes", list)(),
            "example": layout.example(), "max_rows": MAX_ROWS}


class DecisionImportForm(forms.Form):
    page = forms.ModelChoiceField(label=_("Страница"), queryset=Page.objects.none())
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
    effective_from = forms.DateField(label=_("Действует с"), input_formats=DATE_FORMATS,
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

    def __init__(self, *args, user=None, layout=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.layout = user, layout
        self.fields["page"].queryset = editable_pages(user, layout)
        self.fields["page"].label = layout.page_label
        if not layout.dated:
            self.fields["effective_to"].help_text = _("Не заполняйте: величина действует до следующего решения.")
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
        if period_problem(start, end):
            self.add_error("effective_to", period_problem(start, end))
        elif end and not self.layout.dated:
            self.add_error("effective_to", _("У этой величины нет даты окончания: страница указывает одно значение, "
                                             "оно действует до следующего решения. Оставьте поле пустым."))
        if not data.get("file") and not (data.get("table") or "").strip():
            self.add_error("table", _("Загрузите файл или вставьте таблицу."))
        return data
