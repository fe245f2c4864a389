from django import forms
from django.utils.translation import gettext_lazy as _

from outages import lookup
from outages import status as st
from outages.models import NetworkDistrict, Settlement


class OutageFilterForm(forms.Form):
    """The public list's filters (GET, no JavaScript)."""
    district = forms.ModelChoiceField(label=_("Район электрических сетей (РЭС)"), required=False,
                                      queryset=NetworkDistrict.objects.all(), empty_label=_("Все"))
    settlement = forms.ModelChoiceField(label=_("Населённый пункт"), required=False,
                                        queryset=Settlement.objects.all(), empty_label=_("Все"))
    date = forms.DateField(label=_("Дата"), required=False, help_text=_("Например, 15.03.2026"),
                           input_formats=["%d.%m.%Y", "%Y-%m-%d"],
                           error_messages={"invalid": _("Введите дату в формате ДД.ММ.ГГГГ, например 15.03.2026")},
                           widget=forms.DateInput(attrs={"inputmode": "numeric"}, format="%d.%m.%Y"))
    kind = forms.ChoiceField(label=_("Вид"), required=False, choices=[("", _("Все"))] + st.KIND_CHOICES)


class AddressForm(forms.Form):
    """«Is my address affected?»: free text in any usual spelling."""
    settlement = forms.CharField(label=_("Населённый пункт"), max_length=150,
                                 help_text=_("Например: Котлас, Северодвинск"),
                                 error_messages={"required": _("Введите населённый пункт")},
                                 widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    street = forms.CharField(label=_("Улица"), max_length=200, required=False,
                             help_text=_("Например: ул. Ленина или проспект Ломоносова"),
                             widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    house = forms.CharField(label=_("Дом"), max_length=20, required=False,
                            help_text=_("Номер дома, например 12 или 12а"),
                            widget=forms.TextInput(attrs={"class": "input--width-5", "autocomplete": "off"}))
    settlement_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_house(self):
        house = self.cleaned_data["house"].strip()
        from outages.addresses import house_number
        if house and house_number(house) is None:
            raise forms.ValidationError(_("Номер дома должен начинаться с цифры, например 12 или 12а"))
        return house


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Адрес электронной почты"), max_length=254,
                             help_text=_("На него придёт письмо со ссылкой для подтверждения подписки."),
                             error_messages={"required": _("Введите адрес электронной почты"),
                                             "invalid": _("Введите адрес электронной почты в формате name@example.ru")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    settlement = forms.CharField(label=_("Населённый пункт"), max_length=150,
                                 error_messages={"required": _("Введите населённый пункт")},
                                 widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    street = forms.CharField(label=_("Улица"), max_length=200, required=False,
                             help_text=_("Оставьте пустым, чтобы получать сообщения обо всём населённом пункте."),
                             widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    consent = forms.BooleanField(label=_("Я согласен (согласна) на обработку адреса электронной почты на этих условиях"),
                                 error_messages={"required": _("Чтобы подписаться, дайте согласие на обработку адреса электронной почты")})

    def clean(self):
        data = super().clean()
        text = data.get("settlement")
        if not text:
            return data
        found = lookup.find_settlements(text)
        if not found:
            self.add_error("settlement", _("Населённый пункт «%(name)s» не найден в нашем списке. Проверьте написание.") % {"name": text})
            return data
        if len(found) > 1:
            self.add_error("settlement", _("Есть несколько населённых пунктов с названием «%(name)s». Напишите и район, например: %(example)s.") % {
                "name": text, "example": str(found[0])})
            return data
        data["settlement_obj"] = found[0]
        data["street_obj"] = None
        if data.get("street"):
            street = lookup.find_street(found[0], data["street"])
            if street is None:
                self.add_error("street", _("Улица «%(street)s» в населённом пункте %(name)s не найдена. Проверьте написание или оставьте поле пустым.") % {
                    "street": data["street"], "name": found[0].name})
            data["street_obj"] = street
        return data
