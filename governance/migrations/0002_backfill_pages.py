"""Every existing page gets an owner (its creator, otherwise the Editors group) and a review date
a year after its last publication (``governance.rules.review.REVIEW_INTERVAL_DAYS``)."""
import datetime

from django.db import migrations
from django.utils import timezone

REVIEW_INTERVAL_DAYS = 365  # governance.rules.review.REVIEW_INTERVAL_DAYS at the time of this migration


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Group = apps.get_model("auth", "Group")
    PageGovernance = apps.get_model("governance", "PageGovernance")
    # the editors' group by its name of that time (editorial 0005 renames it later) or today's
    editors = Group.objects.filter(name__in=["Editors", "Редакторы"]).order_by("name").first()
    known = set(PageGovernance.objects.values_list("page_id", flat=True))
    rows = []
    for page in Page.objects.filter(depth__gt=1).exclude(pk__in=known):
        published = page.last_published_at or timezone.now()
        rows.append(PageGovernance(
            page_id=page.pk, owner_user_id=page.owner_id,
            owner_group=None if page.owner_id else editors,
            review_by=published.date() + datetime.timedelta(days=REVIEW_INTERVAL_DAYS),
            ru_changed_at=page.last_published_at, en_changed_at=page.last_published_at))
    PageGovernance.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial"), ("editorial", "0002_groups_and_workflow"),
                    ("wagtailcore", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
