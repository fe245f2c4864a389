from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import COMMENT_MAX_LENGTH


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Что можно улучшить на этой странице?"),
        help_text=_("Не пишите имя, телефон, адрес или номер договора: на этот отзыв мы не отвечаем. "
                    "Не более 1200 знаков."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off", "spellcheck": "true"}),
        error_messages={"max_length": _("Комментарий должен быть не длиннее %(limit_value)d знаков (сейчас %(show_value)d)")},
    )
