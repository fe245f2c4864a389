"""``manage.py send_disclosure_reminders`` (cron, daily): e-mail each owner before an item's due date.

Each item and period gets one reminder, ever: the ``ReminderSent`` row is written in the same
transaction as the message is handed to the mail server, so a failed send is retried on the next
run and a sent one is never repeated.
"""
from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from disclosure.labels import period_label
from disclosure.models import DisclosureItem, ReminderSent
from disclosure.rules import due as rules


class Command(BaseCommand):
    help = "Напоминает ответственным о сроках раскрытия информации (по одному письму на пункт и период)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = skipped = 0
        with translation.override("ru"):
            for item in DisclosureItem.objects.prefetch_related("publications", "reminders").select_related("owner"):
                already = {r.period_start for r in item.reminders.all()}
                pairs = rules.reminders_due(item.frequency, item.due_days, item.reminder_days, today,
                                            [p.period_start for p in item.publications.all()], item.changed_on)
                for start, due in pairs:
                    if start in already:
                        continue
                    to = item.reminder_address()
                    if not to:
                        skipped += 1
                        self.stderr.write(f"{item.code}: нет адреса ответственного, напоминание не отправлено")
                        continue
                    if self.remind(item, start, due, to, today):
                        sent += 1
        self.stdout.write(f"Отправлено напоминаний: {sent}; без адреса: {skipped}")

    def remind(self, item, start, due, to, today):
        context = {"item": item, "period": period_label(item.frequency, start), "due": due,
                   "overdue": today > due, "days_left": (due - today).days,
                   "edit_path": reverse("disclosure_items:edit", args=[item.pk])}
        subject = render_to_string("disclosure/emails/reminder_subject.txt", context).strip()
        body = render_to_string("disclosure/emails/reminder.txt", context)
        try:
            with transaction.atomic():
                ReminderSent.objects.create(item=item, period_start=start, due_date=due, to=to)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        except IntegrityError:  # another run got there first
            return False
        except Exception as error:  # the mail server: nothing recorded, the next run tries again
            self.stderr.write(f"{item.code}: не удалось отправить напоминание ({error})")
            return False
        return True
