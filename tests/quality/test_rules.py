"""quality.rules: periods, suppression, shares, percentiles, on time — each with a worked example."""
import datetime
from decimal import Decimal

from quality.rules import figures as fig
from quality.rules import periods

D = datetime.date


def test_quarter_bounds_and_the_quarter_before_across_the_year_end():
    q1 = periods.parse("2027-q1")
    assert (q1.start, q1.end, q1.last_day) == (D(2027, 1, 1), D(2027, 4, 1), D(2027, 3, 31))
    assert q1.previous() == periods.Period(periods.QUARTER, 2026, 4)
    q4 = q1.previous()
    assert (q4.start, q4.end, q4.last_day) == (D(2026, 10, 1), D(2027, 1, 1), D(2026, 12, 31))
    assert periods.parse("2026-q3").previous().slug == "2026-q2"


def test_year_bounds_and_the_year_before():
    year = periods.parse("2026")
    assert (year.start, year.end) == (D(2026, 1, 1), D(2027, 1, 1))
    assert year.previous().slug == "2025"
    assert year.contains(D(2026, 12, 31)) and not year.contains(D(2027, 1, 1))


def test_parse_refuses_anything_else():
    for text in ("", "2026-q5", "2026-q0", "q1", "26", "1999", "2026-Q1x", "<script>", None):
        assert periods.parse(text) is None
    assert periods.parse(" 2026-Q2 ").slug == "2026-q2"


def test_last_complete_period_on_new_year():
    assert periods.last_complete(D(2027, 1, 15)).slug == "2026-q4"
    assert periods.last_complete(D(2027, 1, 15), periods.YEAR).slug == "2026"
    assert periods.last_complete(D(2026, 4, 1)).slug == "2026-q1"


def test_recent_periods_newest_first():
    slugs = [p.slug for p in periods.recent(D(2026, 2, 10), quarters=3, years=2)]
    assert slugs == ["2026-q1", "2025-q4", "2025-q3", "2026", "2025"]


def test_small_counts_and_secondary_suppression():
    # one cell under 5 (letter: 2) → also the smallest other positive cell (phone 5 before visit 5)
    counts = {"visit": 5, "phone": 5, "web": 6, "letter": 2}
    assert fig.suppressed_keys(counts) == {"letter", "phone"}
    # two small cells hide each other: no secondary suppression needed
    assert fig.suppressed_keys({"a": 1, "b": 3, "c": 40}) == {"a", "b"}
    # zero identifies nobody
    assert fig.suppressed_keys({"a": 0, "b": 7, "c": 9}) == set()
    assert fig.is_small(4) and not fig.is_small(5) and not fig.is_small(0)


def test_share_is_rounded_half_up_and_needs_five_cases():
    assert fig.percent(9, 13) == Decimal("69.2")  # 69.230…
    assert fig.percent(1, 8) == Decimal("12.5")
    assert fig.percent(2, 3) is None
    assert fig.percent(0, 0) is None


def test_median_and_nearest_rank_90th_percentile():
    days = [1, 2, 3, 4, 5, 6, 7, 8, 30, 40]
    assert fig.median(days) == Decimal("5.5")  # (5 + 6) / 2
    assert fig.percentile(days, 90) == 30  # rank ⌈0.9 × 10⌉ = 9
    assert fig.percentile([6, 7, 8, 30, 40], 90) == 40  # rank ⌈4.5⌉ = 5
    assert fig.median([6, 7, 8, 30, 40]) == Decimal("8.0")
    assert fig.median([1, 2, 3, 4]) is None and fig.percentile([1, 2, 3, 4], 90) is None


def test_on_time_late_and_not_yet_due():
    due = D(2026, 7, 31)
    assert fig.on_time(D(2026, 7, 31), due, D(2026, 10, 15)) is True  # on the due date itself
    assert fig.on_time(D(2026, 8, 1), due, D(2026, 10, 15)) is False
    assert fig.on_time(None, due, D(2026, 8, 1)) is False  # open past the due date
    assert fig.on_time(None, due, D(2026, 7, 31)) is None  # open, still in time


def test_change_only_between_published_figures():
    assert fig.change(18, 8) == 10
    assert fig.change(Decimal("69.2"), Decimal("87.5")) == Decimal("-18.3")
    assert fig.change(None, 8) is None
