"""Who answers for each page and by when it is re-read (see ``governance.rules.review``)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageGovernance(models.Model):
    """One row per page: its owner (a person, a group, or both), its review date, and when each
    language was last changed on publication (fingerprints of the translated fields)."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="governance",
                                verbose_name=_("страница"))
    owner_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("ответственный сотрудник"))
    owner_group = models.ForeignKey("auth.Group", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("ответственная группа"))
    review_by = models.DateField(_("проверить не позднее"), null=True, blank=True)
    ru_changed_at = models.DateTimeField(_("русская версия изменена"), null=True, blank=True)
    en_changed_at = models.DateTimeField(_("английская версия изменена"), null=True, blank=True)
    fingerprints = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("актуальность страницы")
        verbose_name_plural = _("актуальность страниц")

    def __str__(self):
        return str(self.page)

    @property
    def has_owner(self):
        return bool(self.owner_user_id or self.owner_group_id)

    def owner_text(self):
        names = []
        if self.owner_user_id:
            names.append(self.owner_user.get_full_name() or self.owner_user.get_username())
        if self.owner_group_id:
            names.append(self.owner_group.name)
        return ", ".join(names)

    def recipients(self):
        """The active accounts with an e-mail address that answer for the page."""
        users = []
        if self.owner_user_id and self.owner_user.is_active and self.owner_user.email:
            users.append(self.owner_user)
        if self.owner_group_id:
            users.extend(u for u in self.owner_group.user_set.filter(is_active=True).exclude(email=""))
        seen, unique = set(), []
        for user in users:
            if user.pk not in seen:
                seen.add(user.pk)
                unique.append(user)
        return unique


class ReviewReminderSent(models.Model):
    """One reminder per account and ISO week: a second run in the same week sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("неделя (понедельник)"))
    sent_at = models.DateTimeField(auto_now_add=True)
    pages = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="governance_one_reminder_a_week")]
