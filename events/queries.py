"""The queries every list of events starts from: upcoming, past, overlapping a period."""

from django.db import models
from django.utils import timezone

from core.models import ContentPageQuerySet

from .occurrences import shown_start_expression


class EventQuerySet(ContentPageQuerySet):
    """Upcoming and past are decided by the end of the *last* occurrence.

    A weekly course that started last year is still upcoming while it repeats;
    ``last_occurrence_end`` is empty for a rule that repeats forever. Lists are
    ordered by the occurrence they show (``shown_start``), not by the first one.
    """

    def _still_running(self, moment):
        return models.Q(last_occurrence_end__isnull=True) | models.Q(last_occurrence_end__gte=moment)

    def with_shown_start(self, moment=None, period_start=None, period_end=None):
        """Annotate ``shown_start``, the start of the occurrence a listing shows (see :mod:`.occurrences`)."""
        moment = moment or timezone.now()
        return self.annotate(
            shown_start=shown_start_expression(self, models.F("start"), moment, period_start, period_end)
        )

    def upcoming(self, period_start=None, period_end=None):
        """Events not over yet, by their next occurrence (in the period, when one is given)."""
        now = timezone.now()
        return (
            self.visible()
            .filter(self._still_running(now))
            .with_shown_start(now, period_start, period_end)
            .order_by("shown_start", "pk")
        )

    def past(self, period_start=None, period_end=None):
        """Events whose last occurrence is over, the most recent first."""
        now = timezone.now()
        return (
            self.visible()
            .exclude(self._still_running(now))
            .with_shown_start(now, period_start, period_end)
            .order_by("-shown_start", "-pk")
        )

    def overlapping(self, period_start, period_end):
        """Events with an occurrence *possibly* in the period (recurring ones need a closer look)."""
        return self.filter(self._still_running(period_start), start__lt=period_end)
