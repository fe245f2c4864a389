"""Retention of personal data: closed cases are anonymised when their purpose is served."""
import datetime


def purge_due(closed_at, retention_days, now):
    """True when a case closed at ``closed_at`` has outlived its retention period."""
    if closed_at is None or retention_days is None:
        return False
    return now >= closed_at + datetime.timedelta(days=retention_days)
