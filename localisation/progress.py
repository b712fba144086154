"""How far each translation has come: translated string segments out of the source's.

wagtail-localize's ``Translation.get_progress`` answers for one translation in
a query; the status report and the translators' dashboard need every
translation at once, so this counts for many in one query per target language,
with the same rule (a segment counts as translated when a translation without
an error exists for its string in its context and language).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail_localize.models import StringSegment, StringTranslation


class State(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self):
        return {
            State.NOT_STARTED: _("Not started"),
            State.IN_PROGRESS: _("In progress"),
            State.DONE: _("Done"),
        }[self]


@dataclass(frozen=True)
class Progress:
    translated: int
    total: int

    @property
    def state(self):
        if self.total and not self.translated:
            return State.NOT_STARTED
        if self.translated < self.total:
            return State.IN_PROGRESS
        return State.DONE


def segment_totals(source_ids):
    """``{translation source id: number of string segments}``."""
    rows = StringSegment.objects.filter(source_id__in=source_ids).values("source_id").annotate(number=Count("id"))
    return {row["source_id"]: row["number"] for row in rows}


def translated_counts(source_ids, locale_id):
    """``{translation source id: segments translated into the locale}``, sources without any left out."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=locale_id,
        has_error=False,
    )
    rows = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .filter(Exists(translated))
        .values("source_id")
        .annotate(number=Count("id"))
    )
    return {row["source_id"]: row["number"] for row in rows}


def progress_of(pairs):
    """``{(source id, locale id): Progress}`` for ``(translation source id, target locale id)`` pairs.

    One query for the totals and one per target language.
    """
    pairs = set(pairs)
    totals = segment_totals({source_id for source_id, _locale in pairs})
    result = {}
    for locale_id in {locale for _source, locale in pairs}:
        source_ids = {source_id for source_id, locale in pairs if locale == locale_id}
        counts = translated_counts(source_ids, locale_id)
        for source_id in source_ids:
            result[source_id, locale_id] = Progress(counts.get(source_id, 0), totals.get(source_id, 0))
    return result
