"""The routing rule of callback requests: customer service calls back within 4 working hours of
the call centre (Minenergo order No. 186 of 15.04.2014). Administrators edit it afterwards."""
from django.db import migrations


def add_rule(apps, schema_editor):
    Unit = apps.get_model("cases", "Unit")
    RoutingRule = apps.get_model("cases", "RoutingRule")
    unit = Unit.objects.filter(code="customer_service").first()
    if unit is None:
        return
    reason_ru = ("Специалист службы по работе с клиентами перезвонит вам в течение 4 рабочих часов "
                 "колл-центра или в выбранное вами время.")
    reason_en = ("A customer service specialist calls you back within 4 working hours of the call centre "
                 "or at the time you chose.")
    basis_ru = "Приказ Минэнерго России № 186 от 15.04.2014 (ред. приказа № 541 от 07.07.2021)"
    basis_en = "Minenergo order No. 186 of 15.04.2014 (as amended by order No. 541 of 07.07.2021)"
    RoutingRule.objects.get_or_create(request_type="callback", defaults={
        "unit": unit, "deadline_days": 4, "deadline_kind": "hours", "transfer_consent_required": False,
        "reason": reason_ru, "reason_ru": reason_ru, "reason_en": reason_en,
        "basis": basis_ru, "basis_ru": basis_ru, "basis_en": basis_en, "retention_days": 365})


def remove_rule(apps, schema_editor):
    apps.get_model("cases", "RoutingRule").objects.filter(request_type="callback").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_callbacks_extensions_referrals")]
    operations = [migrations.RunPython(add_rule, remove_rule)]
