"""A revision opens with a few queries however many records the page has (cms_pages.models.revisions),
and with the outcome modelcluster's per-row check gives: a dangling legal act is cleared, a record
whose page is gone is dropped."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_pages.models import LegalAct, TariffPage
from tests.factories import LegalActFactory, TariffPageFactory, TariffRecordFactory

pytestmark = pytest.mark.django_db


def _page_with_records(home, count):
    page = TariffPageFactory(parent=home)
    acts = [LegalActFactory() for _ in range(3)]
    for n in range(count):
        start = datetime.date(2000 + n // 2, 1 if n % 2 == 0 else 7, 1)
        TariffRecordFactory(page=page, legal_act=acts[n % 3], effective_from=start,
                            effective_to=start + datetime.timedelta(days=150))
    return page, acts


def test_a_revision_with_many_records_opens_in_a_few_queries(home):
    page, _acts = _page_with_records(home, 60)
    revision = page.save_revision()
    with CaptureQueriesContext(connection) as queries:
        restored = revision.as_object()
    assert len(restored.tariffs.all()) == 60
    assert len(queries) <= 12, [q["sql"][:120] for q in queries]


def test_a_deleted_legal_act_is_cleared_in_the_revision_and_the_records_kept(home):
    page, acts = _page_with_records(home, 6)
    revision = page.save_revision()
    TariffPage.objects.get(pk=page.pk).tariffs.all().delete()  # only the revision names the act now
    gone = acts[0]
    LegalAct.objects.filter(pk=gone.pk).delete()
    restored = revision.as_object()
    records = list(restored.tariffs.all())
    assert len(records) == 6
    assert [r.legal_act_id for r in records].count(None) == 2
    assert {r.legal_act_id for r in records} == {None, acts[1].pk, acts[2].pk}


def test_without_the_check_the_revision_is_built_as_stored(home):
    page, acts = _page_with_records(home, 3)
    data = page.serializable_data()
    restored = TariffPage.from_serializable_data(data, check_fks=False)
    assert sorted(r.legal_act_id for r in restored.tariffs.all()) == sorted(a.pk for a in acts)
