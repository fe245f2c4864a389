"""Answers to "Is this page useful?": no personal data, only the page, the answer and a comment."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1200


class PageFeedback(models.Model):
    # Deliberately no user, IP address, user agent or exact time: nothing identifies the visitor.
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("страница"), on_delete=models.CASCADE,
                             related_name="feedback")
    useful = models.BooleanField(_("страница полезна"))
    comment = models.TextField(_("комментарий"), blank=True, max_length=COMMENT_MAX_LENGTH)
    language = models.CharField(_("язык страницы"), max_length=8, blank=True)
    created_on = models.DateField(_("дата"), default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = _("отзыв о странице")
        verbose_name_plural = _("отзывы о страницах")
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        return f"{self.page_id}: {'+' if self.useful else '-'}"


class VoteLimit(models.Model):
    """One row per counted vote, for the per-client limits (``feedback.rules.vote_refusal``).

    ``client`` is a keyed hash (HMAC with the secret key) of the client's address, never the
    address itself; rows are kept for a day (``rules.VOTE_KEEP``) and are not linked to the answer.
    """

    client = models.CharField(max_length=40)
    page_id = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client", "created_at"], name="feedback_vote_client_time")]

    def __str__(self):
        return f"{self.client[:8]}… {self.page_id}"
