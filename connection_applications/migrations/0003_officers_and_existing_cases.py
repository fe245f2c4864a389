"""Case officers view and move connection applications (the admin checks "change"); every open
connection case registered before this app gets its application at the first stage, dated the
day the case was registered (or received)."""
import datetime

from django.db import migrations

from cases.rules import deadlines
from editorial.roles import CASE_OFFICERS, grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, CASE_OFFICERS, "connection_applications", "connectionapplication",
                            ["view", "change"])


OPEN_STATUSES = ("received", "in_progress", "waiting", "forwarded")  # cases.models.Case.OPEN_STATUSES today


def backfill(apps, schema_editor):
    from django.conf import settings
    from zoneinfo import ZoneInfo

    Case = apps.get_model("cases", "Case")
    Stage = apps.get_model("connection_applications", "ConnectionStage")
    Application = apps.get_model("connection_applications", "ConnectionApplication")
    Move = apps.get_model("connection_applications", "StageMove")
    first = Stage.objects.order_by("order").first()
    if first is None:
        return
    zone = ZoneInfo(settings.TIME_ZONE)
    holidays, working = set(), set()
    for day, kind in apps.get_model("cases", "CalendarDay").objects.values_list("date", "kind"):
        (working if kind == "working" else holidays).add(day)
    calendar = deadlines.ProductionCalendar(frozenset(holidays), frozenset(working))
    for case in Case.objects.filter(request_type="connection", connection_application__isnull=True,
                                    status__in=OPEN_STATUSES):
        entered_on = case.received_on or case.created_at.astimezone(zone).date()
        due = (deadlines.due_date(entered_on, first.deadline_days, first.deadline_kind, calendar)
               if first.deadline_days is not None else None)
        application = Application.objects.create(case=case, stage=first, stage_due_date=due,
                                                 created_at=case.created_at)
        Move.objects.create(application=application, stage=first, moved_on=entered_on, due_date=due,
                            moved_at=datetime.datetime.combine(entered_on, datetime.time(), tzinfo=zone))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CASE_OFFICERS).first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="connection_applications"))


class Migration(migrations.Migration):
    dependencies = [
        ("connection_applications", "0002_preload_stages"),
        ("editorial", "0002_groups_and_workflow"),
        ("cases", "0009_caseevent_linked"),
    ]
    operations = [migrations.RunPython(grant, revoke), migrations.RunPython(backfill, migrations.RunPython.noop)]
