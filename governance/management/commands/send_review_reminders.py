"""``manage.py send_review_reminders`` (cron, weekly — running it daily is safe too): one e-mail per
owner listing their pages due for review (from ``REMINDER_HORIZON_DAYS`` before the date) or past it.

Each account gets at most one reminder per ISO week: the ``ReviewReminderSent`` row is written in
the same transaction as the message is handed to the mail server, so a failed send is retried on
the next run and a sent one is not repeated that week. The letter is in the owner's admin language.
"""
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.users.models import UserProfile

from governance.models import PageGovernance, ReviewReminderSent
from governance.rules import review


def admin_language(user):
    language = UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class Command(BaseCommand):
    help = "Напоминает ответственным о страницах, которые пора проверить (одно письмо в неделю)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        week = review.week_of(today)
        pages_by_user, users = defaultdict(list), {}
        rows = PageGovernance.objects.select_related("page", "owner_user", "owner_group")
        for governance in rows:
            if not review.is_due_for_reminder(governance.review_by, today):
                continue
            for user in governance.recipients():
                users[user.pk] = user
                pages_by_user[user.pk].append(governance)
        already = set(ReviewReminderSent.objects.filter(week=week).values_list("user_id", flat=True))
        sent = 0
        for user_id, governances in pages_by_user.items():
            if user_id in already:
                continue
            governances.sort(key=lambda g: (g.review_by or today, g.page.path))
            if self.remind(users[user_id], governances, week, today):
                sent += 1
        no_owner = PageGovernance.objects.filter(owner_user__isnull=True, owner_group__isnull=True).count()
        self.stdout.write(f"Отправлено напоминаний: {sent}; страниц без ответственного: {no_owner}")

    def remind(self, user, governances, week, today):
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        with translation.override(admin_language(user)):
            items = [{"title": g.page.get_admin_display_title(), "review_by": g.review_by,
                      "past": review.is_past_review(g.review_by, today),
                      "url": base + reverse("governance:page", args=[g.page_id])} for g in governances]
            context = {"user": user, "items": items, "report_url": base + reverse("governance_report:index")}
            subject = render_to_string("governance/emails/reminder_subject.txt", context).strip()
            body = render_to_string("governance/emails/reminder.txt", context)
        try:
            with transaction.atomic():
                ReviewReminderSent.objects.create(user=user, week=week, pages=len(items))
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except IntegrityError:  # another run got there first
            return False
        except Exception as error:  # the mail server: nothing recorded, the next run tries again
            self.stderr.write(f"{user.get_username()}: не удалось отправить напоминание ({error})")
            return False
        return True
