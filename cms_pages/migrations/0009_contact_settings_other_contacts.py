"""The «Контакты» setting's other site-wide contacts (issue 13): the e-mail for written requests, the
grid connection department's number and e-mail, the personal data officer's e-mail. Empty by
default (not shown); the demo fills them (``demo.content.contacts``)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cms_pages", "0008_alert_kinds_without_outages"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactsettings",
            name="email",
            field=models.EmailField(blank=True, help_text="Адрес для письменных обращений; показывается внизу каждой страницы. Пусто — не показывать.", max_length=254, verbose_name="электронная почта для обращений"),
        ),
        migrations.AddField(
            model_name="contactsettings",
            name="connection_number",
            field=models.CharField(blank=True, help_text="Показывается на страницах платы за присоединение, например 8 (8182) 00-06-06.", max_length=30, verbose_name="телефон отдела технологического присоединения"),
        ),
        migrations.AddField(
            model_name="contactsettings",
            name="connection_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="почта отдела технологического присоединения"),
        ),
        migrations.AddField(
            model_name="contactsettings",
            name="privacy_email",
            field=models.EmailField(blank=True, help_text="Для запросов о персональных данных (152-ФЗ, ст. 18.1 и 22.1); показывается внизу каждой страницы.", max_length=254, verbose_name="почта ответственного за обработку персональных данных"),
        ),
    ]
