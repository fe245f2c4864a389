"""Demo cases and page votes for the service-quality report, so /ru/service-quality/ is not empty
after ``bin/serve``. Made-up applicants («Демо-заявитель»), six quarters back from today; loaded
once (cases whose reference starts with ``DQ`` mark the set)."""
import datetime
import random

from django.utils import timezone

PREFIX = "DQ"
COUNT = 240


def load(pages=()):
    """``pages``: pages that ask "Is this page useful?"; the demo votes go to them."""
    from cases.models import Case, CaseEvent, Unit
    from cases.request_types import REQUEST_TYPE_CHOICES
    from feedback.models import PageFeedback

    if Case.objects.filter(reference__startswith=PREFIX).exists():
        return 0
    unit = Unit.objects.first()
    if unit is None:
        return 0
    rnd = random.Random(2026)
    types = [code for code, _label in REQUEST_TYPE_CHOICES]
    channels = [Case.WEB] * 5 + [Case.PHONE] * 3 + [Case.VISIT] * 2 + [Case.LETTER]
    now = timezone.now()
    for i in range(COUNT):
        created = now - datetime.timedelta(days=rnd.randrange(1, 540), hours=rnd.randrange(24))
        answered = rnd.random() < 0.85
        days = rnd.choice([1, 2, 3, 5, 7, 10, 14, 20, 25, 29, 35])
        case = Case.objects.create(
            reference=f"{PREFIX}-{created:%Y}-{i:05d}", access_code=f"demo{i:08d}", request_type=rnd.choice(types),
            channel=rnd.choice(channels), unit=unit, applicant_name="Демо-заявитель", message="Демонстрационное обращение",
            created_at=created, due_date=(created + datetime.timedelta(days=30)).date(),
            status=Case.ANSWERED if answered else Case.IN_PROGRESS,
            rating_satisfied=(rnd.random() < 0.8) if answered and rnd.random() < 0.4 else None)
        CaseEvent.objects.create(case=case, kind=CaseEvent.CREATED, created_at=created)
        if answered and created + datetime.timedelta(days=days) < now:
            CaseEvent.objects.create(case=case, kind=CaseEvent.REPLY, created_at=created + datetime.timedelta(days=days),
                                     text="Демонстрационный ответ")
    pages = list(pages)[:4]
    if pages and not PageFeedback.objects.exists():
        PageFeedback.objects.bulk_create([
            PageFeedback(page=rnd.choice(pages), useful=rnd.random() < 0.8, language="ru",
                         created_on=(now - datetime.timedelta(days=rnd.randrange(1, 540))).date())
            for _i in range(120)])
    return COUNT
