"""Content governance through the admin: owners and review dates, the report, the weekly
reminder, and the pages that link to a page before it is unpublished or deleted."""
import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from editorial import roles
from governance.models import PageGovernance, ReviewReminderSent
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def staff(name, group=roles.EDITORS, email=True):
    user = User.objects.create_user(name, f"{name}@example.invalid" if email else "", "pw-governance-2026")
    user.groups.add(Group.objects.get(name=group))
    return user


def publish(page, **changes):
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()
    return PageGovernance.objects.get(page=page)


def link_to(target):
    return [("paragraph", f'<p>См. <a linktype="page" id="{target.pk}">тарифы</a>.</p>')]


class TestPublication:
    def test_a_published_page_gets_an_owner_and_a_review_date_a_year_on(self, home):
        page = ContentPageFactory(parent=home)
        governance = publish(page)
        assert governance.owner_group.name == roles.EDITORS  # created by a script: the editors answer
        assert governance.review_by == timezone.localdate() + datetime.timedelta(days=365)

    def test_changing_only_the_russian_makes_the_english_older(self, home, client):
        page = ContentPageFactory(parent=home)
        first = publish(page)
        assert first.ru_changed_at == first.en_changed_at
        second = publish(page, summary="Новое краткое описание.")
        assert second.ru_changed_at > second.en_changed_at
        client.force_login(staff("editor"))
        report = client.get(reverse("governance_report:index")).content.decode()
        assert page.title in report and "английская версия старше русской" in report
        third = publish(page, summary_en="A new short summary.")
        assert third.en_changed_at > third.ru_changed_at
        assert page.title not in client.get(reverse("governance_report:index")).content.decode()


class TestOwnerForm:
    def test_an_editor_names_an_owner_and_a_date(self, home, client):
        page = ContentPageFactory(parent=home)
        publish(page)
        owner = staff("owner")
        client.force_login(staff("editor"))
        url = reverse("governance:page", args=[page.pk])
        assert "Ответственный и срок проверки" in client.get(url).content.decode()
        review_by = timezone.localdate() + datetime.timedelta(days=90)
        response = client.post(url, {"owner_user": owner.pk, "owner_group": "", "review_by": review_by.strftime("%d.%m.%Y")})
        assert response.status_code == 302
        governance = PageGovernance.objects.get(page=page)
        assert governance.owner_user == owner and governance.owner_group is None and governance.review_by == review_by

    @pytest.mark.parametrize("data, message", [
        ({"review_by": "31.02.2027"}, "Введите дату в формате ДД.ММ.ГГГГ"),
        ({"review_by": "01.01.2020"}, "Дата проверки уже прошла"),
        ({"review_by": "01.01.2099"}, "Не позднее чем через два года"),
        ({"review_by": ""}, "Укажите, к какой дате проверить страницу"),
        ({"owner_group": "", "review_by": "__soon__"}, "Укажите ответственного сотрудника или группу"),
    ])
    def test_bad_input_is_explained_and_kept(self, home, client, data, message):
        page = ContentPageFactory(parent=home)
        publish(page)
        client.force_login(staff("editor"))
        soon = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d.%m.%Y")
        post = {"owner_user": "", "owner_group": Group.objects.get(name=roles.EDITORS).pk, **data}
        post["review_by"] = soon if post["review_by"] == "__soon__" else post["review_by"]
        response = client.post(reverse("governance:page", args=[page.pk]), post)
        body = response.content.decode()
        assert response.status_code == 200 and message in body
        if post["review_by"]:
            assert f'value="{post["review_by"]}"' in body  # what was typed stays in the field

    def test_english_admin_gets_english_messages(self, home, client):
        page = ContentPageFactory(parent=home)
        publish(page)
        editor = staff("editor")
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(editor)
        response = client.post(reverse("governance:page", args=[page.pk]), {"owner_group": "", "review_by": ""})
        assert "Say by which date the page is to be checked." in response.content.decode()


class TestReminders:
    def test_one_letter_a_week_per_owner_listing_their_pages(self, home):
        owner = staff("owner")
        other = staff("other")
        due = ContentPageFactory(parent=home, title="Тарифы на 2027 год")
        later = ContentPageFactory(parent=home, title="О компании")
        for page in (due, later):
            publish(page)
        today = timezone.localdate()
        PageGovernance.objects.filter(page=due).update(owner_user=owner, owner_group=None,
                                                        review_by=today + datetime.timedelta(days=3))
        PageGovernance.objects.filter(page=later).update(owner_user=other, owner_group=None,
                                                          review_by=today + datetime.timedelta(days=60))
        call_command("send_review_reminders")
        assert [m.to for m in mail.outbox] == [[owner.email]]
        letter = mail.outbox[0]
        assert "Тарифы на 2027 год" in letter.body and "О компании" not in letter.body
        assert reverse("governance:page", args=[due.pk]) in letter.body
        assert "1" in letter.subject and "проверки" in letter.subject
        call_command("send_review_reminders")  # the same week: nothing more
        assert len(mail.outbox) == 1
        ReviewReminderSent.objects.update(week=ReviewReminderSent.objects.get().week - datetime.timedelta(days=7))
        call_command("send_review_reminders")  # a week later the page is still due: reminded again
        assert len(mail.outbox) == 2

    def test_a_group_owner_reaches_every_member_with_an_address(self, home):
        group = Group.objects.create(name="Тарифный отдел")
        members = [User.objects.create_user(f"m{n}", f"m{n}@example.invalid" if n else "", "pw") for n in range(3)]
        for member in members:
            member.groups.add(group)
        page = ContentPageFactory(parent=home)
        publish(page)
        PageGovernance.objects.filter(page=page).update(owner_group=group, review_by=timezone.localdate())
        call_command("send_review_reminders")
        assert sorted(m.to[0] for m in mail.outbox) == ["m1@example.invalid", "m2@example.invalid"]


class TestLinkWarning:
    def test_unpublish_and_delete_list_the_pages_that_link_here(self, home, client):
        target = ContentPageFactory(parent=home, title="Тарифы")
        publish(target)
        source = ContentPageFactory(parent=home, title="Как читать счёт", body=link_to(target))
        publish(source)
        unrelated = ContentPageFactory(parent=home, title="Новости")
        publish(unrelated)
        admin = User.objects.create_superuser("admin", "admin@example.invalid", "pw")
        client.force_login(admin)
        for url in (reverse("wagtailadmin_pages:unpublish", args=[target.pk]),
                    reverse("wagtailadmin_pages:delete", args=[target.pk])):
            body = client.get(url).content.decode()
            assert "Страниц со ссылками на эту страницу: 1" in body, url
            assert reverse("wagtailadmin_pages:edit", args=[source.pk]) in body
            assert "Новости" not in body
        plain = client.get(reverse("wagtailadmin_pages:unpublish", args=[unrelated.pk])).content.decode()
        assert "Страниц со ссылками" not in plain
