"""The dated record: one shape for every figure that changes by decision of a regulator.

Tariffs (``TariffRecord``), connection rates (``StandardizedRate``, ``PreferentialRate``), connection
deadlines (``ConnectionDeadline``) and income ceilings (``IncomeCeiling``, the benefits' dated
figures) are never edited in place when the law changes: editors add the next period's record with
the act that sets it, and the site chooses what is in force on a date: the in-force rule is
``cms_pages.rules.tariff_periods`` (``select``, ``in_force``, ``effective_ends``), reached through
this base. The period's one check, ``period_problem``, serves the records and the decisions
importer's form alike. (A typical night share is an assumption editors keep current, not a dated
figure.)
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms_pages.rules import tariff_periods


def period_problem(start, end):
    """The message when a period ends before it starts, else None (one day, start = end, is a period)."""
    if start and end and end < start:
        return _("Дата окончания раньше даты начала.")
    return None


class DatedRecord(models.Model):
    """Effective from / to and the legal act; ``period_key`` says which records succeed each other.

    A record with an empty end stays in force until the next record with the same key starts
    (Decree 861, p. 87; the regulator's orders set a start date, rarely an end date).
    """

    effective_from = models.DateField(_("действует с"))
    effective_to = models.DateField(_("действует по"), null=True, blank=True)
    legal_act = models.ForeignKey("cms_pages.LegalAct", verbose_name=_("основание"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    def period_key(self):
        """Records with the same key replace each other over time; subclasses name their key."""
        return ()

    @classmethod
    def key_function(cls):
        return lambda record: record.period_key()

    @classmethod
    def select(cls, records, on):
        """In force on ``on``, upcoming periods and the archive (see ``tariff_periods.select``)."""
        return tariff_periods.select(records, on, key=cls.key_function())

    @classmethod
    def in_force(cls, records, on):
        return tariff_periods.in_force(records, on, key=cls.key_function())

    @classmethod
    def effective_ends(cls, records):
        return tariff_periods.effective_ends(records, cls.key_function())

    def clean(self):
        super().clean()
        problem = period_problem(self.effective_from, self.effective_to)
        if problem:
            raise ValidationError({"effective_to": problem})


def period_panel():
    """The editor's panel for the period and its act (a fresh one per model)."""
    return MultiFieldPanel([FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
                            FieldPanel("legal_act")], heading=_("Период и основание"))
