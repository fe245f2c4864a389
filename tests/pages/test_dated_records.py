"""One base for every dated figure (issue 13, item 5): tariffs, connection rates and deadlines and the
benefits' income ceilings share ``DatedRecord``: its fields, its check that a period does not end
before it starts, and its in-force rule (``cms_pages.rules.tariff_periods``)."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from cms_pages.models import ConnectionDeadline, IncomeCeiling, PreferentialRate, StandardizedRate, TariffRecord
from cms_pages.models.dated import DatedRecord
from tests import factories as f

pytestmark = pytest.mark.django_db
JAN, JUL = datetime.date(2026, 1, 1), datetime.date(2026, 7, 1)


def records(home):
    fee = f.ConnectionFeePageFactory(parent=home)
    return [
        f.TariffRecordFactory(page=f.TariffPageFactory(parent=home)),
        f.StandardizedRateFactory(page=fee),
        f.PreferentialRateFactory(page=fee),
        ConnectionDeadline(page=fee, term=30, term_unit="working_days", effective_from=JAN),
        f.IncomeCeilingFactory(page=f.SubsidyPageFactory(parent=home)),
    ]


def test_every_dated_figure_uses_the_one_base():
    for model in (TariffRecord, StandardizedRate, PreferentialRate, ConnectionDeadline, IncomeCeiling):
        assert issubclass(model, DatedRecord), model
        assert {"effective_from", "effective_to", "legal_act"} <= {field.name for field in model._meta.fields}


def test_a_period_ending_before_it_starts_is_refused_on_each_of_them(home):
    for record in records(home):
        record.effective_from, record.effective_to = JUL, JAN
        with pytest.raises(ValidationError) as refused:
            record.clean()
        assert refused.value.message_dict == {"effective_to": ["Дата окончания раньше даты начала."]}, type(record)
        record.effective_to = JUL  # a one-day period is a period
        record.clean()


def test_the_in_force_rule_is_the_same_for_each_of_them(home):
    for record in records(home):
        record.effective_from, record.effective_to = JAN, None
        model = type(record)
        assert model.in_force([record], JAN) == [record] and model.in_force([record], JAN - datetime.timedelta(1)) == []
