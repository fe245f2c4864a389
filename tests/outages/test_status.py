import datetime

import pytest

from outages import status as st

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.timezone.utc)
H = datetime.timedelta(hours=1)


def test_allowed_and_refused_transitions():
    st.check_transition(st.ANNOUNCED, st.IN_PROGRESS)
    st.check_transition(st.IN_PROGRESS, st.RESTORED)
    st.check_transition(st.RESTORED, st.IN_PROGRESS)  # a repeat fault reopens it
    st.check_transition(st.CANCELLED, st.ANNOUNCED)
    st.check_transition(st.RESTORED, st.RESTORED)  # no change is fine
    for old, new in [(st.RESTORED, st.CANCELLED), (st.IN_PROGRESS, st.ANNOUNCED), (st.CANCELLED, st.RESTORED)]:
        with pytest.raises(st.StatusChangeError):
            st.check_transition(old, new)


def test_public_status_follows_the_clock_for_announced_works():
    assert st.public_status(st.ANNOUNCED, NOW + H, NOW + 5 * H, NOW) == st.ANNOUNCED
    assert st.public_status(st.ANNOUNCED, NOW - H, NOW + H, NOW) == st.IN_PROGRESS
    assert st.public_status(st.ANNOUNCED, NOW - 5 * H, NOW - H, NOW) == st.ENDED


def test_dispatch_status_wins_over_the_clock():
    assert st.public_status(st.IN_PROGRESS, NOW - 5 * H, NOW - H, NOW) == st.IN_PROGRESS  # overrun
    assert st.public_status(st.RESTORED, NOW - H, NOW + H, NOW) == st.RESTORED
    assert st.public_status(st.CANCELLED, NOW + H, NOW + 2 * H, NOW) == st.CANCELLED


def test_listed():
    assert st.is_listed(st.ANNOUNCED, NOW + H, NOW)
    assert not st.is_listed(st.ANNOUNCED, NOW - H, NOW)
    assert st.is_listed(st.IN_PROGRESS, NOW - H, NOW)
    assert not st.is_listed(st.RESTORED, NOW + H, NOW)
