"""The form includes: labels, hints tied by aria-describedby, fieldsets, inline errors, error summary."""
import re

from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory


class SampleForm(forms.Form):
    name = forms.CharField(label="Имя", help_text="Как к вам обращаться",
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    topic = forms.ChoiceField(label="Тема", choices=[("a", "Подключение"), ("b", "Тарифы")],
                              widget=forms.RadioSelect, help_text="Выберите одну")
    extras = forms.MultipleChoiceField(label="Дополнительно", required=False,
                                       choices=[("x", "Перезвонить")], widget=forms.CheckboxSelectMultiple)
    consent = forms.BooleanField(label="Согласен на обработку данных")
    note = forms.CharField(label="Комментарий", required=False, widget=forms.Textarea)


def render(form):
    request = RequestFactory().get("/ru/")
    return render_to_string("includes/forms/error_summary.html", {"form": form}, request=request) + "".join(render_to_string("includes/forms/field.html", {"field": form[name]}, request=request)
                    for name in form.fields)


def test_valid_form_markup():
    html = render(SampleForm())
    assert "error-summary" not in html
    assert '<label class="label" for="id_name">Имя</label>' in html
    assert 'id="id_name-hint"' in html and 'aria-describedby="id_name-hint"' in html
    assert 'autocomplete="name"' in html
    assert re.search(r'<fieldset class="fieldset" aria-describedby="id_topic-hint">\s*<legend[^>]*>Тема</legend>', html)
    assert '<label class="radios__label" for="id_topic_0">Подключение</label>' in html
    assert re.search(r'<fieldset class="fieldset">\s*<legend[^>]*>Дополнительно</legend>', html)
    assert '<label class="checkboxes__label" for="id_consent">Согласен на обработку данных</label>' in html
    assert "(необязательно)" in html  # the optional textarea says so


def test_errors_summary_links_and_inline_messages():
    form = SampleForm(data={"name": "Иван", "note": "текст"})
    assert not form.is_valid()
    html = render(form)
    assert 'class="error-summary" role="alert" tabindex="-1" autofocus' in html
    assert "Есть ошибки" in html
    assert 'href="#id_topic_0"' in html and 'href="#id_consent"' in html
    assert 'href="#id_name"' not in html
    assert 'id="id_topic-error"' in html
    assert 'aria-describedby="id_topic-hint id_topic-error"' in html
    assert "form-group--error" in html
    assert 'value="Иван"' in html and "текст</textarea>" in html  # nothing typed is lost
    assert html.count('<span class="visually-hidden">Ошибка:</span>') == 2
