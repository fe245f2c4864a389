"""The governance rules, by example."""
import datetime

from governance.rules import review

D = datetime.date


def test_a_page_is_past_review_the_day_after_its_date():
    assert not review.is_past_review(D(2027, 3, 1), D(2027, 3, 1))
    assert review.is_past_review(D(2027, 3, 1), D(2027, 3, 2))
    assert review.is_past_review(None, D(2027, 3, 1))  # no date: nobody committed to re-read it


def test_the_owner_hears_a_week_ahead_and_every_week_after():
    assert not review.is_due_for_reminder(D(2027, 3, 10), D(2027, 3, 2))
    assert review.is_due_for_reminder(D(2027, 3, 10), D(2027, 3, 3))
    assert review.is_due_for_reminder(D(2027, 3, 10), D(2027, 5, 1))


def test_reminder_week_is_the_iso_monday():
    assert review.week_of(D(2026, 12, 3)) == D(2026, 11, 30)  # a Thursday
    assert review.week_of(D(2026, 11, 30)) == D(2026, 11, 30)
    assert review.week_of(D(2027, 1, 3)) == D(2026, 12, 28)  # a Sunday: the week began in December


def test_fingerprints_see_which_language_changed():
    before = review.language_fingerprints({"title_ru": "Тарифы", "title_en": "Tariffs", "body_ru": "а", "body_en": "a"})
    ru_only = review.language_fingerprints({"title_ru": "Тарифы 2027", "title_en": "Tariffs", "body_ru": "а",
                                            "body_en": "a"})
    assert review.changed_languages(before, ru_only) == {"ru"}
    emptied = review.language_fingerprints({"title_ru": "Тарифы", "title_en": "", "body_ru": "а", "body_en": "a"})
    assert review.changed_languages(before, emptied) == {"en"}
    assert review.changed_languages({}, before) == {"ru", "en"}


def test_english_is_older_when_changed_before_russian_or_never():
    t = datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.timezone.utc)
    assert review.english_is_older(t, t - datetime.timedelta(seconds=1))
    assert not review.english_is_older(t, t)
    assert review.english_is_older(t, None)
    assert not review.english_is_older(None, None)


def test_state_puts_the_most_urgent_first():
    today = D(2027, 3, 1)
    t = datetime.datetime(2027, 1, 1, tzinfo=datetime.timezone.utc)
    assert review.state(D(2027, 2, 1), True, t, t, today) == review.PAST_REVIEW
    assert review.state(D(2027, 6, 1), False, t, t, today) == review.NO_OWNER
    assert review.state(D(2027, 6, 1), True, t, None, today) == review.ENGLISH_OLDER
    assert review.state(D(2027, 3, 5), True, t, t, today) == review.REVIEW_SOON
    assert review.state(D(2027, 6, 1), True, t, t, today) == review.OK
