"""The public service-quality report, computed from the cases (never typed).

``figures(period)`` reads the database once per period and returns plain numbers (language-free,
cached); ``build(period)`` turns them into the tables the page, the CSV and the JSON show, so the
three can never differ. The arithmetic lives in ``quality.rules.figures``.

Where a figure comes from:
- form of service: the case's channel — visit → in person (очная), phone → by phone (заочная),
  web → electronic (Internet), letter → written (post) (order 186, appendix 7, form 4.1);
- category: the request type; complaints: the complaint types (``COMPLAINT_TYPES``);
- answered: the first reply to the applicant, or the first change of status to "answered" or
  "closed", or the closing time, whichever the history shows first;
- on time: answered by the case's due date; an open case past its due date counts as late;
- extended: the deadline was extended (once, at most 30 days, with notice: ``cases.rules.extensions``);
- referred: forwarded to the competent third party (the supplier, social protection);
- appealed: appeals of a decision registered in the period; upheld: those of them the officer
  decided in the applicant's favour, wholly or in part (``Case.appeal_decision``);
- satisfaction: the applicants' ratings of the answers to the period's cases;
- page usefulness: "Is this page useful?" answers given in the period.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
import datetime

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from cases import request_types as rt
from cases.models import Case, CaseEvent
from cms_pages.rules.money import format_amount
from feedback.models import PageFeedback
from quality.rules import figures as fig
from quality.rules.periods import QUARTER, YEAR

CACHE_SECONDS = 600
CACHE_VERSION = 3  # 2: the "extended" figure; 3: "upheld"

# Form of service (order 186, appendix 7) for each channel a case can arrive by, in the form's order.
FORMS_OF_SERVICE = [
    (Case.VISIT, gettext_lazy("Очная форма (личный приём)")),
    (Case.PHONE, gettext_lazy("Заочная форма (по телефону)")),
    (Case.WEB, gettext_lazy("Электронная форма (через сайт)")),
    (Case.LETTER, gettext_lazy("Письменная форма (почтой)")),
]
UPHELD_DECISIONS = (Case.UPHELD, Case.PARTLY_UPHELD)
COMPLAINT_TYPES = (rt.SUPPLY_QUALITY, rt.SURGE_DAMAGE, rt.APPEAL, rt.ACCESSIBILITY)
TYPE_LABELS = dict(rt.REQUEST_TYPE_CHOICES)


def _answer_labels():
    """The status names a history entry may carry for "answered" and "closed", in both languages
    (the history stores the name shown to the officer who changed it)."""
    labels = set()
    for language in ("ru", "en"):
        with translation.override(language):
            labels |= {str(label) for value, label in Case.STATUS_CHOICES if value in (Case.ANSWERED, Case.CLOSED)}
    return sorted(labels)


def _bounds(period):
    tz = timezone.get_current_timezone()
    midnight = datetime.time.min
    return (datetime.datetime.combine(period.start, midnight, tzinfo=tz),
            datetime.datetime.combine(period.end, midnight, tzinfo=tz))


def cases_in(period):
    start, end = _bounds(period)
    return Case.objects.filter(created_at__gte=start, created_at__lt=end)


def answered_at_subquery():
    first_answer = (CaseEvent.objects.filter(case=OuterRef("pk"))
                    .filter(Q(kind=CaseEvent.REPLY) | Q(kind=CaseEvent.STATUS, new_value__in=_answer_labels()))
                    .order_by("created_at").values("created_at")[:1])
    return Coalesce(Subquery(first_answer), "closed_at")


def _raw_rows(values_qs, tz):
    """The rows straight from the database cursor: the ORM's per-value datetime conversion is
    most of the report's time at 100,000 cases. SQLite returns text (UTC without an offset),
    PostgreSQL returns datetimes and dates."""
    sql, params = values_qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()

    def moment(value):
        if isinstance(value, str):
            value = datetime.datetime.fromisoformat(value)
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value

    def day(value):
        return datetime.date.fromisoformat(value) if isinstance(value, str) else value

    return [(kind, moment(created), moment(answered), day(due)) for kind, created, answered, due in fetched]


def _times(rows, today, tz):
    """Answered / on time / late / days to answer for (registered_at, answered_at, due_date) rows."""
    out = {"answered": 0, "on_time": 0, "late": 0, "days": []}
    for created_at, answered_at, due_date in rows:
        answered_on = fig.as_local_date(answered_at, tz)
        verdict = fig.on_time(answered_on, due_date, today)
        if answered_on is not None:
            out["answered"] += 1
            out["days"].append(fig.days_to_answer(fig.as_local_date(created_at, tz), answered_on))
        if verdict is True:
            out["on_time"] += 1
        elif verdict is False:
            out["late"] += 1
    return out


def fixed_offset_minutes(period, tz):
    """The zone's UTC offset in minutes if it is the same all through ``period`` (Moscow time has
    been UTC+3 all year since 2014), else None: then local dates cannot be computed in SQL by a
    plain shift, and the report takes the Python path."""
    days = (period.end - period.start).days
    offsets = {datetime.datetime.combine(period.start + datetime.timedelta(days=n), datetime.time.min,
                                         tzinfo=tz).utcoffset() for n in range(days + 1)}
    if len(offsets) != 1:
        return None
    return int(offsets.pop().total_seconds() // 60)


def _answer_histogram(period, today, tz):
    """[(is_complaint, days_to_answer or None, verdict 1/0/None, count)] computed by the database.

    The same figures as ``_times`` over ``_raw_rows`` (a test holds them equal), without sending
    every case to Python: the local dates are the UTC moments shifted by the zone's fixed offset,
    the first answer is the earliest reply or "answered"/"closed" status (else the closing time),
    and the rows come back grouped (about a hundred for a year of 50,000 cases).
    None when the database or the zone does not allow it."""
    vendor = connection.vendor
    offset = fixed_offset_minutes(period, tz)
    if offset is None or vendor not in ("sqlite", "postgresql"):
        return None
    if vendor == "sqlite":
        def local(column):
            return f"date({column}, '{offset:+d} minutes')"

        def days_between(later, earlier):
            return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
    else:
        def local(column):
            return f"(({column}) AT TIME ZONE 'UTC' + interval '{offset} minutes')::date"

        def days_between(later, earlier):
            return f"({later} - {earlier})"
    answered = "COALESCE(MIN(e.created_at), c.closed_at)"
    labels = _answer_labels()
    complaint_marks = ", ".join(["%s"] * len(COMPLAINT_TYPES))
    label_marks = ", ".join(["%s"] * len(labels))
    case_table, event_table = Case._meta.db_table, CaseEvent._meta.db_table
    per_case = (
        f"SELECT CASE WHEN c.request_type IN ({complaint_marks}) THEN 1 ELSE 0 END AS complaint, "
        f"{days_between(local(answered), local('c.created_at'))} AS days, "
        f"CASE WHEN {answered} IS NULL THEN (CASE WHEN c.due_date < %s THEN 0 ELSE NULL END) "
        f"WHEN {local(answered)} <= c.due_date THEN 1 ELSE 0 END AS verdict "
        f"FROM {case_table} c LEFT JOIN {event_table} e ON e.case_id = c.id "
        f"AND (e.kind = %s OR (e.kind = %s AND e.new_value IN ({label_marks}))) "
        f"WHERE c.created_at >= %s AND c.created_at < %s GROUP BY c.id, c.request_type, c.closed_at, "
        f"c.created_at, c.due_date")
    sql = f"SELECT complaint, days, verdict, COUNT(*) FROM ({per_case}) AS per_case GROUP BY complaint, days, verdict"
    start, end = _bounds(period)
    ops = connection.ops
    params = [*COMPLAINT_TYPES, ops.adapt_datefield_value(today), CaseEvent.REPLY, CaseEvent.STATUS, *labels,
              ops.adapt_datetimefield_value(start), ops.adapt_datetimefield_value(end)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(bool(complaint), days, None if verdict is None else bool(verdict), count)
                for complaint, days, verdict, count in cursor.fetchall()]


def _times_from_histogram(groups):
    out = {"answered": 0, "on_time": 0, "late": 0, "days": []}
    for days, verdict, count in groups:
        if days is not None:
            out["answered"] += count
            out["days"].extend([int(days)] * count)
        if verdict is True:
            out["on_time"] += count
        elif verdict is False:
            out["late"] += count
    out["days"].sort()
    return out


def answer_times(period, today, tz):
    """(all cases' times, complaints' times) for the period: by the database where it can, else in Python."""
    groups = _answer_histogram(period, today, tz)
    if groups is not None:
        return (_times_from_histogram([(d, v, n) for _c, d, v, n in groups]),
                _times_from_histogram([(d, v, n) for c, d, v, n in groups if c]))
    rows = _raw_rows(cases_in(period).order_by().annotate(answered=answered_at_subquery())
                     .values_list("request_type", "created_at", "answered", "due_date"), tz)
    return (_times([r[1:] for r in rows], today, tz),
            _times([r[1:] for r in rows if r[0] in COMPLAINT_TYPES], today, tz))


def compute(period, today=None):
    """The period's raw numbers (no suppression yet): a dict of ints and lists."""
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    qs = cases_in(period)
    by_channel, by_type = {}, {}
    totals = {"cases": 0, "forwarded": 0, "extended": 0, "appeals": 0, "upheld": 0, "rated_yes": 0, "rated_no": 0,
              "complaints": 0, "complaints_yes": 0, "complaints_no": 0}
    grouped = qs.values("channel", "request_type").annotate(
        n=Count("pk"),
        forwarded=Count("pk", filter=Q(forwarded_at__isnull=False)),
        extended=Count("pk", filter=Q(extended_at__isnull=False)),
        upheld=Count("pk", filter=Q(request_type=rt.APPEAL, appeal_decision__in=UPHELD_DECISIONS)),
        yes=Count("pk", filter=Q(rating_satisfied=True)),
        no=Count("pk", filter=Q(rating_satisfied=False)),
    ).order_by()
    for row in grouped:
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["n"]
        by_type[row["request_type"]] = by_type.get(row["request_type"], 0) + row["n"]
        totals["cases"] += row["n"]
        totals["forwarded"] += row["forwarded"]
        totals["extended"] += row["extended"]
        totals["rated_yes"] += row["yes"]
        totals["rated_no"] += row["no"]
        if row["request_type"] == rt.APPEAL:
            totals["appeals"] += row["n"]
            totals["upheld"] += row["upheld"]
        if row["request_type"] in COMPLAINT_TYPES:
            totals["complaints"] += row["n"]
            totals["complaints_yes"] += row["yes"]
            totals["complaints_no"] += row["no"]
    times, complaint_times = answer_times(period, today, tz)
    votes = PageFeedback.objects.filter(created_on__gte=period.start, created_on__lt=period.end).aggregate(
        yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
    return {"by_channel": by_channel, "by_type": by_type, "totals": totals, "times": times,
            "complaint_times": complaint_times, "votes": {"yes": votes["yes"] or 0, "no": votes["no"] or 0}}


def cached_compute(period, today=None):
    today = today or timezone.localdate()
    key = f"quality:v{CACHE_VERSION}:{period.slug}:{today.isoformat()}"
    data = cache.get(key)
    if data is None:
        data = compute(period, today)
        cache.set(key, data, CACHE_SECONDS)
    return data


# --- from numbers to the published tables ------------------------------------------------------

COUNT, PERCENT, DAYS = "count", "percent", "days"


@dataclass
class Cell:
    value: object = None  # int or Decimal when published
    text: str = ""  # what the page shows


@dataclass
class Row:
    key: str
    label: str
    current: Cell
    previous: Cell
    change: Cell
    unit: str = COUNT


@dataclass
class Table:
    key: str
    caption: str
    rows: list = field(default_factory=list)
    chart: object = None


def fmt_number(value, unit):
    if unit == PERCENT:
        return format_amount(value, places=1) + "\u00a0%"
    if isinstance(value, Decimal):
        return format_amount(value, places=1)
    return format_amount(value, places=0)


def fmt_change(value, unit):
    if value == 0:
        text = format_amount(0, places=1 if unit != COUNT else 0)
    else:
        text = ("+" if value > 0 else "\u2212") + (format_amount(abs(value), places=1) if isinstance(value, Decimal)
                                                  else format_amount(abs(value), places=0))
    if unit == PERCENT:
        text += "\u00a0" + pgettext("percentage points", "п. п.").replace(" ", "\u00a0")
    return text


def small_text():
    return _("менее %(n)s") % {"n": fig.THRESHOLD}


def count_cell(count, hidden=False):
    if hidden or fig.is_small(count):
        return Cell(None, small_text())
    return Cell(count, fmt_number(count, COUNT))


def derived_cell(value, base, unit):
    """A share or a time: published only from at least THRESHOLD cases."""
    if value is None:
        if not base:
            return Cell(None, _("нет случаев"))
        return Cell(None, _("менее %(n)s случаев") % {"n": fig.THRESHOLD})
    return Cell(value, fmt_number(value, unit))


def change_cell(current, previous, unit):
    diff = fig.change(current.value, previous.value)
    if diff is None:
        return Cell(None, "—")
    return Cell(diff, fmt_change(diff, unit))


def _row(key, label, current, previous, unit=COUNT):
    return Row(key, str(label), current, previous, change_cell(current, previous, unit), unit)


def _breakdown(key, caption, labels, now, before):
    """Counts by form of service or by category, with a total; small cells suppressed in each period."""
    now_hidden = fig.suppressed_keys({k: now.get(k, 0) for k in labels})
    before_hidden = fig.suppressed_keys({k: before.get(k, 0) for k in labels})
    table = Table(key, caption)
    for code, label in labels.items():
        table.rows.append(_row(code, label, count_cell(now.get(code, 0), code in now_hidden),
                               count_cell(before.get(code, 0), code in before_hidden)))
    table.rows.append(_row("total", _("Всего"), count_cell(sum(now.values())), count_cell(sum(before.values()))))
    return table


def _time_rows(prefix, now, before, base_now, base_before, count_label):
    def share(data):
        return fig.percent(data["on_time"], data["on_time"] + data["late"])

    rows = [
        _row(f"{prefix}registered", count_label, count_cell(base_now), count_cell(base_before)),
        _row(f"{prefix}answered", _("Дан ответ"), count_cell(now["answered"]), count_cell(before["answered"])),
        _row(f"{prefix}on_time", _("Ответ дан в срок"), count_cell(now["on_time"]), count_cell(before["on_time"])),
        _row(f"{prefix}late", _("Срок нарушен (ответ позже срока или нет ответа после срока)"),
             count_cell(now["late"]), count_cell(before["late"])),
        _row(f"{prefix}on_time_share", _("Доля ответов в срок"),
             derived_cell(share(now), now["on_time"] + now["late"], PERCENT),
             derived_cell(share(before), before["on_time"] + before["late"], PERCENT), PERCENT),
        _row(f"{prefix}median_days", _("Медиана срока ответа, календарных дней"),
             derived_cell(fig.median(now["days"]), len(now["days"]), DAYS),
             derived_cell(fig.median(before["days"]), len(before["days"]), DAYS), DAYS),
        _row(f"{prefix}p90_days", _("90-й процентиль срока ответа, календарных дней"),
             derived_cell(fig.percentile(now["days"], 90), len(now["days"]), DAYS),
             derived_cell(fig.percentile(before["days"], 90), len(before["days"]), DAYS), DAYS),
    ]
    return rows


def _rating_rows(prefix, yes_now, no_now, yes_before, no_before):
    return [
        _row(f"{prefix}rated", _("Оценок ответа"), count_cell(yes_now + no_now), count_cell(yes_before + no_before)),
        _row(f"{prefix}satisfied", _("Заявитель доволен ответом"), count_cell(yes_now), count_cell(yes_before)),
        _row(f"{prefix}unsatisfied", _("Заявитель не доволен ответом"), count_cell(no_now), count_cell(no_before)),
        _row(f"{prefix}satisfied_share", _("Доля довольных ответом"),
             derived_cell(fig.percent(yes_now, yes_now + no_now), yes_now + no_now, PERCENT),
             derived_cell(fig.percent(yes_before, yes_before + no_before), yes_before + no_before, PERCENT), PERCENT),
    ]


def period_label(period):
    if period.kind == YEAR:
        return _("%(year)s год") % {"year": period.year}
    return _("%(quarter)s квартал %(year)s года") % {"quarter": period.number, "year": period.year}


def build(period, today=None):
    """The report's tables for ``period`` in the active language, each row against the period before."""
    now = cached_compute(period, today)
    before = cached_compute(period.previous(), today)
    channels = {code: str(label) for code, label in FORMS_OF_SERVICE}
    types_seen = set(now["by_type"]) | set(before["by_type"])
    types = {code: str(label) for code, label in rt.REQUEST_TYPE_CHOICES if code in types_seen}
    tables = [
        _breakdown("forms", _("Обращения по формам обслуживания"), channels, now["by_channel"], before["by_channel"]),
        _breakdown("categories", _("Обращения по темам"), types, now["by_type"], before["by_type"]),
    ]
    t_now, t_before = now["totals"], before["totals"]
    answers = Table("answers", _("Сроки ответа"))
    answers.rows = _time_rows("", now["times"], before["times"], t_now["cases"], t_before["cases"],
                              _("Зарегистрировано обращений"))
    answers.rows += [
        _row("extended", _("Срок ответа продлён"), count_cell(t_now["extended"]), count_cell(t_before["extended"])),
        _row("forwarded", _("Передано по компетенции третьей стороне"), count_cell(t_now["forwarded"]),
             count_cell(t_before["forwarded"])),
        _row("appeals", _("Обжалований принятых решений"), count_cell(t_now["appeals"]), count_cell(t_before["appeals"])),
        _row("upheld", _("Обжалования удовлетворены (полностью или частично)"), count_cell(t_now["upheld"]),
             count_cell(t_before["upheld"])),
    ]
    complaints = Table("complaints", _("Жалобы и как они разрешены"))
    complaints.rows = _time_rows("complaints_", now["complaint_times"], before["complaint_times"],
                                 t_now["complaints"], t_before["complaints"], _("Зарегистрировано жалоб"))
    complaints.rows += _rating_rows("complaints_", t_now["complaints_yes"], t_now["complaints_no"],
                                    t_before["complaints_yes"], t_before["complaints_no"])
    ratings = Table("ratings", _("Оценки ответов заявителями"))
    ratings.rows = _rating_rows("", t_now["rated_yes"], t_now["rated_no"], t_before["rated_yes"], t_before["rated_no"])
    v_now, v_before = now["votes"], before["votes"]
    usefulness = Table("usefulness", _("Полезность страниц сайта"))
    usefulness.rows = [
        _row("votes", _("Ответов «Полезна ли эта страница?»"), count_cell(v_now["yes"] + v_now["no"]),
             count_cell(v_before["yes"] + v_before["no"])),
        _row("useful", _("Страница полезна"), count_cell(v_now["yes"]), count_cell(v_before["yes"])),
        _row("not_useful", _("Страница не полезна"), count_cell(v_now["no"]), count_cell(v_before["no"])),
        _row("useful_share", _("Доля ответов «полезна»"),
             derived_cell(fig.percent(v_now["yes"], v_now["yes"] + v_now["no"]), v_now["yes"] + v_now["no"], PERCENT),
             derived_cell(fig.percent(v_before["yes"], v_before["yes"] + v_before["no"]),
                          v_before["yes"] + v_before["no"], PERCENT), PERCENT),
    ]
    tables += [answers, complaints, ratings, usefulness]
    return tables


def as_data(period, tables):
    """The JSON document: the same cells as the page (``text``) with their numbers (``value``)."""
    def cell(c):
        return {"value": float(c.value) if isinstance(c.value, Decimal) else c.value, "text": c.text}

    return {
        "period": period.slug, "period_label": period_label(period),
        "previous_period": period.previous().slug, "previous_period_label": period_label(period.previous()),
        "start": period.start.isoformat(), "end": period.last_day.isoformat(),
        "suppression_threshold": fig.THRESHOLD,
        "tables": [{"key": t.key, "caption": t.caption, "rows": [
            {"key": r.key, "label": r.label, "unit": r.unit, "current": cell(r.current),
             "previous": cell(r.previous), "change": cell(r.change)} for r in t.rows]} for t in tables],
    }


def csv_rows(period, tables):
    """The CSV: one line per row of every table; a published number as a number, else the page's text."""
    def value(c):
        return c.value if c.value is not None else c.text

    yield [_("Таблица"), _("Показатель"), period_label(period), period_label(period.previous()), _("Изменение")]
    for t in tables:
        for r in t.rows:
            yield [t.caption, r.label, value(r.current), value(r.previous), value(r.change)]


__all__ = ["QUARTER", "YEAR", "build", "as_data", "csv_rows", "compute", "period_label"]
