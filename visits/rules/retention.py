"""How long a booking keeps the visitor's personal data.

152-FZ art. 5 part 7: personal data is kept no longer than its purpose requires and then
destroyed or anonymised. A booking's purpose ends with the visit; the data is kept
``RETENTION_DAYS`` after it for questions about the visit (a complaint about how it went is
answered within 30 days, Minenergo order 186), then the name, phone, e-mail and stated needs are
erased; the reference, centre, time, service and status stay for the centres' statistics.
Worked example: a visit on 7 December 2026 keeps its data through 5 February 2027 (60 days
later) and is anonymised by the run on 6 February 2027.
"""
import datetime

RETENTION_DAYS = 60


def anonymise_before(today, retention_days=RETENTION_DAYS):
    """Visits that started before this local date are anonymised."""
    return today - datetime.timedelta(days=retention_days)
