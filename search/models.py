"""Search settings editors keep: synonyms no rule of the analysis covers.

Logged queries, daily hits and promoted results are the models of
``wagtail.contrib.search_promotions``; this app adds only what that lacks.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

VARIANT_SEPARATOR = re.compile(r"[,;\n]")


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
