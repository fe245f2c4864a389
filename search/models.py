"""The search index (one row per page and language), its vocabulary, synonyms and the query log."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class IndexEntry(models.Model):
    """One indexed document: a live public page in one language.

    The ``*_stems`` columns hold the analysed text (see ``search.text``); the full-text table
    (FTS5 on SQLite, a tsvector column on PostgreSQL) is kept in step by ``search.backends.embedded``.
    """

    page_id = models.PositiveIntegerField(db_index=True)
    lang = models.CharField(max_length=8)
    page_type = models.CharField(max_length=100)
    url = models.CharField(max_length=1000)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    phrasings = models.TextField(blank=True)
    section = models.CharField(max_length=300, blank=True)
    title_stems = models.TextField(blank=True)
    phrasings_stems = models.TextField(blank=True)
    summary_stems = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page_id", "lang"], name="portal_search_entry_page_lang")]
        indexes = [models.Index(fields=["lang", "page_type"])]

    def __str__(self):
        return f"{self.title} [{self.lang}]"


class IndexTerm(models.Model):
    """The index vocabulary, for typo tolerance and "did you mean": a stem and a word it came from."""

    lang = models.CharField(max_length=8)
    term = models.CharField(max_length=100)
    word = models.CharField(max_length=100)
    length = models.PositiveSmallIntegerField()
    doc_count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lang", "term"], name="portal_search_term_lang_term")]
        indexes = [models.Index(fields=["lang", "length"])]


class IndexGeneration(models.Model):
    """One row whose ``token`` changes with every write to the index (see ``search.vocabulary``).

    Each process caches the vocabulary under the token it read and reloads it when the token
    differs, so a word published in one process is correctable in every other at once. The token
    is random rather than a counter: a rolled-back write would hand the same number out again
    for different content.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.token


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to a citizen; any one of them finds the others."""

    LANGUAGE_CHOICES = [("ru", _("русский")), ("en", _("английский"))]
    lang = models.CharField(_("язык"), max_length=8, choices=LANGUAGE_CHOICES, default="ru")
    terms = models.TextField(
        _("синонимы"),
        help_text=_("Слова и выражения через запятую, например: ТП, техприсоединение, "
                    "технологическое присоединение. Поиск по любому из них находит остальные."),
    )
    panels = [FieldPanel("lang"), FieldPanel("terms")]

    class Meta:
        verbose_name = _("группа синонимов")
        verbose_name_plural = _("синонимы для поиска")
        ordering = ["lang", "terms"]

    def __str__(self):
        return self.terms

    def term_list(self):
        return [t.strip() for t in self.terms.replace("\n", ",").split(",") if t.strip()]


class QueryLogEntry(models.Model):
    """How often a (masked) query was searched in a week, and how often it found nothing."""

    week_start = models.DateField(_("неделя с"))
    lang = models.CharField(_("язык"), max_length=8)
    query = models.CharField(_("запрос"), max_length=200)
    searches = models.PositiveIntegerField(_("поисков"), default=0)
    no_results = models.PositiveIntegerField(_("без результатов"), default=0)

    class Meta:
        verbose_name = _("запрос в журнале поиска")
        verbose_name_plural = _("журнал поиска")
        constraints = [models.UniqueConstraint(fields=["week_start", "lang", "query"],
                                               name="portal_search_log_week_lang_query")]
        ordering = ["-week_start", "-searches"]

    def __str__(self):
        return self.query
