"""Search settings editors keep: synonyms no rule of the analysis covers.

Logged queries, daily hits and promoted results are the models of
``wagtail.contrib.search_promotions``; this app adds only what that lacks.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

VARIANT_SEPARATOR = re.compile(r"[,;\n]")

#: SQLite: the full-text table of the pages' title terms and terms, keyed by
#: page id (created by migration ``search.0005``, written by the SQLite
#: backend), which the visitor's search reads. PostgreSQL keeps them in
#: :class:`PageSearchEntry` instead.
PAGE_FTS_TABLE = "search_pagefts"


class SynonymGroup(index.Indexed, models.Model):
    """Words or names that search treats as one.

    The analysis already joins spellings of a name across scripts and
    transliteration conventions (Pushkin, Poesjkin, Пушкин) and the word forms
    of each language. A synonym group covers what no general rule can:
    exonyms, old names, abbreviations ("Tsjaikovski, Tchaikovsky, Чайковский";
    "Leningrad, Sint-Petersburg, Санкт-Петербург"). A search for any variant
    finds pages with any other.
    """

    variants = models.TextField(
        _("variants"),
        help_text=_("Two or more spellings, separated by commas or on separate lines."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        help_text=_("Apply only to searches in this language. Leave empty for every language."),
    )

    panels = [FieldPanel("variants"), FieldPanel("language")]

    search_fields = [index.SearchField("variants"), index.AutocompleteField("variants")]

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["variants"]

    def __str__(self):
        return ", ".join(self.variant_list())

    def variant_list(self):
        """The variants, trimmed, without blanks or repeats, in the editor's order."""
        variants = (variant.strip() for variant in VARIANT_SEPARATOR.split(self.variants))
        return list(dict.fromkeys(variant for variant in variants if variant))

    def clean(self):
        super().clean()
        if len(self.variant_list()) < 2:
            raise ValidationError({"variants": _("Give at least two variants, separated by commas.")})


class PageSearchEntry(models.Model):
    """A page's analysed terms beside the page columns a visitor's search filters on (PostgreSQL).

    Wagtail's index entries know an object only by its content type and a text
    id, so every match had to be joined to its page before the visitor's
    conditions (live, public, this site, language, type) could be applied, and
    its terms read back from the vector's text form to re-rank it. Here one row
    holds all a search reads: the full-text index finds the rows, the
    conditions, counts and facets read the same rows, and the re-ranking reads
    the plain terms.

    ``path``, ``depth``, ``live``, ``locale`` and ``content_type`` are copies
    of the page's columns; a trigger in the database keeps them in step
    whatever changes the page (a move rewrites every descendant's path in one
    statement, with no signal per page). The GIN index on ``vector`` and that
    trigger are created on PostgreSQL only (migration 0003); on SQLite, whose
    full-text table meets the pages cheaply, this table stays empty.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        # The page's own column name, so the visitor's conditions, compiled
        # from a queryset of pages, read this table as they read the pages'.
        db_column="id",
        # The admin's page search reads the entries through the pages.
        related_name="search_entry",
    )
    path = models.CharField(max_length=255)
    depth = models.PositiveIntegerField()
    live = models.BooleanField()
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    title_terms = models.TextField()
    terms = models.TextField()
    vector = SearchVectorField()

    #: The page columns copied here: the only ones the visitor's conditions may read.
    PAGE_COLUMNS = ("id", "path", "depth", "live", "locale_id", "content_type_id")

    class Meta:
        verbose_name = _("page search entry")
        verbose_name_plural = _("page search entries")

    def __str__(self):
        return f"Search entry of page {self.page_id}"


class IndexedTerm(models.Model):
    """The term dictionary of the page index: each distinct term of a
    language's pages, with the number of pages holding it.

    Kept in step with the index by the database backends (each page's terms
    written add their new terms and take away those it no longer has); read
    by the typo tolerance (:mod:`search.analysis.fuzzy`), which looks for a
    misspelt word's neighbours here rather than in every page. Name keys are
    terms like any other, so they are counted per language too.
    """

    language = models.CharField(max_length=10)
    term = models.CharField(max_length=255)
    documents = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("indexed term")
        verbose_name_plural = _("indexed terms")
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="search_indexed_term_unique")]

    def __str__(self):
        return f"{self.term} ({self.language}: {self.documents})"


class QueryResults(models.Model):
    """How many results a visitor's query found the last time it was searched:
    the editors' popular searches show it, and list the searches that found
    nothing (``wagtail.contrib.search_promotions`` counts the searches only)."""

    query = models.OneToOneField(
        "wagtailsearchpromotions.Query", on_delete=models.CASCADE, primary_key=True, related_name="results_found"
    )
    results = models.PositiveIntegerField(_("results"))
    searched_on = models.DateField(_("last searched on"))

    class Meta:
        verbose_name = _("results of a search")
        verbose_name_plural = _("results of searches")

    def __str__(self):
        return f"{self.query}: {self.results}"
