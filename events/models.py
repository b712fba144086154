"""Events of the network: concerts, exhibitions, lectures, festivals..."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage, ContentPageQuerySet, LocationMixin
from core.registry import ContentTypeEntry, FieldKind, ImportField
from core.web_addresses import validate_web_address
from localisation.api_fields import RelatedPagesField
from localisation.relations import localize_pages
from registrations.models import RegistrationMixin

from .recurrence import (
    RECURRENCE_HELP_TEXT,
    build_rule,
    describe_recurrence,
    normalize_recurrence,
    repeats_forever,
    validate_recurrence,
)


class EventCategory(models.TextChoices):
    CONCERT = "concert", _("Concert")
    EXHIBITION = "exhibition", _("Exhibition")
    LECTURE = "lecture", _("Lecture")
    FESTIVAL = "festival", _("Festival")
    COMMEMORATION = "commemoration", _("Commemoration")
    MEETING = "meeting", _("Meeting")
    COURSE = "course", _("Course")
    OTHER = "other", _("Other")


def parse_time_zone(value):
    """An IANA zone name (``Europe/Moscow``) or a fixed offset (``+03:00``)."""
    if not value:
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
    if value[0] in "+-":
        sign = -1 if value[0] == "-" else 1
        hours, _sep, minutes = value[1:].partition(":")
        return datetime.timezone(sign * datetime.timedelta(hours=int(hours), minutes=int(minutes or 0)))
    return zoneinfo.ZoneInfo(value)


def validate_time_zone(value):
    try:
        parse_time_zone(value)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ValidationError(
            _("Enter a time zone name such as Europe/Brussels, or an offset such as +03:00.")
        ) from None


def earlier(moment, delta):
    """``moment - delta``, or the earliest datetime when that falls before year 1."""
    try:
        return moment - delta
    except OverflowError:
        return datetime.datetime.min.replace(tzinfo=datetime.UTC)


def later(moment, delta):
    """``moment + delta``, or the latest datetime when that falls after year 9999."""
    try:
        return moment + delta
    except OverflowError:
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)


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
        from .occurrences import shown_start_expression

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


class EventIndexPage(RoutablePageMixin, BasePage):
    """The calendar: upcoming events first, then past ones, with filters.

    Routes: the full list, ``upcoming/``, ``past/``, ``month/`` (``?month=2027-03``),
    the iCalendar feed ``ical/`` and the RSS/Atom feeds, all honouring the
    same filters (category, organiser, city, month) from the query string.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    @path("", name="all")
    def all_events(self, request):
        from . import views

        return views.event_list(request, self, view="all")

    @path("upcoming/", name="upcoming")
    def upcoming_events(self, request):
        from . import views

        return views.event_list(request, self, view="upcoming")

    @path("past/", name="past")
    def past_events(self, request):
        from . import views

        return views.event_list(request, self, view="past")

    @path("month/", name="month")
    def month_view(self, request):
        from . import views

        return views.month_view(request, self)

    # Wagtail routes only slash-terminated paths without dots: "ical/", not "calendar.ics".
    @path("ical/", name="ical")
    def ical_feed(self, request):
        from . import views

        return views.index_ical(request, self)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import EventsRssFeed

        return EventsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import EventsAtomFeed

        return EventsAtomFeed(self)(request)

    def events(self):
        """Every visible event of this calendar (this site, this language)."""
        return EventPage.objects.visible().child_of(self)


class EventPage(RegistrationMixin, RoutablePageMixin, LocationMixin, BasePage):
    """One event, with its organisers, time and place.

    Times are stored in UTC; ``time_zone`` keeps the zone (or fixed offset) the
    event was announced in, so that a concert in Moscow is shown, exported and
    put in calendars at its own local time.
    """

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. Europe/Moscow. Empty: the site's time zone."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=EventCategory.choices, default=EventCategory.OTHER
    )
    details_url = models.URLField(_("registration or details link"), blank=True, validators=[validate_web_address])
    recurrence = models.TextField(
        _("recurrence rule"), blank=True, validators=[validate_recurrence], help_text=RECURRENCE_HELP_TEXT
    )
    last_occurrence_end = models.DateTimeField(
        _("end of the last occurrence"),
        null=True,
        editable=False,
        db_index=True,
        help_text=_("Kept up to date on save; empty when the event repeats forever."),
    )

    content_panels = BasePage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("recurrence"),
                FieldPanel("category"),
                FieldPanel("venue"),
                *LocationMixin.location_panels,
                FieldPanel("details_url"),
            ],
            heading=_("Event"),
        ),
        InlinePanel("organisers", label=_("Organisers")),
        *RegistrationMixin.registration_panels,
        *BasePage.content_panels[1:],
    ]
    search_fields = (
        BasePage.search_fields
        + LocationMixin.search_fields
        + [
            index.SearchField("venue"),
            index.FilterField("start"),
            index.FilterField("end"),
            index.FilterField("category"),
        ]
    )

    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("recurrence"),
        APIField("venue"),
        APIField("city"),
        APIField("country"),
        APIField("category"),
        APIField("details_url"),
        APIField("summary"),
        APIField("organisers", serializer=RelatedPagesField("organisers", "organisation")),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    registry_entry = ContentTypeEntry(
        name="event",
        section_title=gettext_noop("Events"),
        import_fields=(
            ImportField("venue", FieldKind.TEXT, translatable=True),
            ImportField("city", FieldKind.TEXT, translatable=True),
            ImportField("start", FieldKind.DATETIME, required=True),
            ImportField("end", FieldKind.DATETIME, required=True),
            ImportField("country", FieldKind.COUNTRY),
            ImportField("organisers", FieldKind.REFERENCES, target="organisation", relation="organisers"),
            ImportField("category", FieldKind.CHOICE),
            ImportField("url", FieldKind.URL, model_field="details_url"),
        ),
    )

    objects = PageManager.from_queryset(EventQuerySet)()

    # Text fields, but not language: the same zone and rule in every translation.
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("time_zone", overridable=False),
        SynchronizedField("recurrence", overridable=False),
    ]

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.recurrence and self.start:
            try:
                self.recurrence = normalize_recurrence(self.recurrence, self.tzinfo)
            except ValidationError as error:
                raise ValidationError({"recurrence": error.messages}) from None
            # dateutil drops microseconds from its occurrences.
            if next(iter(self.rule), None) != self.local_start.replace(microsecond=0):
                # RFC 5545 leaves a start outside its own rule undefined: calendar
                # apps would disagree with the site about the first occurrence.
                raise ValidationError(
                    {
                        "recurrence": _(
                            "The start (%(start)s) must be one of the occurrences of the rule; adjust BYDAY"
                            " or the start date."
                        )
                        % {"start": date_format(self.local_start, "DATETIME_FORMAT")}
                    }
                )

    def save(self, *args, **kwargs):
        self.last_occurrence_end = self.compute_last_occurrence_end()
        super().save(*args, **kwargs)

    @path("", name="detail")
    def detail(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical(self, request):
        from . import views

        return views.event_ical(request, self)

    @property
    def is_recurring(self):
        return bool(self.recurrence)

    @property
    def recurrence_description(self):
        return describe_recurrence(self.recurrence, self.tzinfo) if self.recurrence else ""

    @property
    def duration(self):
        return self.end - self.start

    @property
    def rule(self):
        """The dateutil rule of a recurring event, anchored at its local start.

        Kept while the rule, start and zone stay the same: parsing it is the
        costly part, and a listing asks several times.
        """
        if not self.recurrence:
            return None
        key = (self.recurrence, self.start, self.time_zone)
        cached = self.__dict__.get("_rule_cache")
        if cached is None or cached[0] != key:
            cached = self.__dict__["_rule_cache"] = (key, build_rule(self.recurrence, self.local_start))
        return cached[1]

    def compute_last_occurrence_end(self):
        if not self.recurrence:
            return self.end
        if repeats_forever(self.recurrence):
            return None
        last_start = self.local_start
        for last_start in self.rule:  # noqa: B007 - a finite rule: walk to its last occurrence
            pass
        return last_start + self.duration

    def occurrences_between(self, period_start, period_end):
        """``Occurrence``s overlapping [period_start, period_end), in the event's local time."""
        duration = self.duration
        rule = self.rule
        if rule is None:
            starts = [self.local_start]
        else:
            starts = rule.between(earlier(period_start, duration), period_end, inc=True)
        return [
            Occurrence(self, start, later(start, duration))
            for start in starts
            if start < period_end and later(start, duration) >= period_start
        ]

    @property
    def first_occurrence(self):
        return Occurrence(self, self.local_start, self.local_end)

    def next_occurrence(self, moment=None):
        """The first occurrence not yet over (None when all are past)."""
        moment = moment or timezone.now()
        rule = self.rule
        if rule is None:
            return self.first_occurrence if self.end >= moment else None
        start = rule.after(earlier(moment, self.duration), inc=True)
        return Occurrence(self, start, later(start, self.duration)) if start else None

    def occurrence_to_show(self, moment=None, period_start=None, period_end=None):
        """The occurrence a listing shows and sorts by.

        The first one not over at ``moment`` (or at the period's start, when
        later) that starts within the period; failing that, the last one that
        starts before the period ends (before the rule's end without a period);
        failing that, the first. The rule is walked up to that date only.
        """
        rule = self.rule
        if rule is None:
            return self.first_occurrence
        moment = moment or timezone.now()
        since = max(moment, period_start) if period_start else moment
        duration = self.duration
        start = rule.after(earlier(since, duration), inc=True)
        if start and (period_end is None or start < period_end):
            return Occurrence(self, start, later(start, duration))
        until = period_end
        if until is None and self.last_occurrence_end is not None:
            until = later(self.last_occurrence_end, datetime.timedelta(seconds=1)) - duration
        start = rule.before(until) if until is not None else None
        if start and (period_start is None or later(start, duration) >= period_start):
            return Occurrence(self, start, later(start, duration))
        return self.first_occurrence

    @cached_property
    def shown_occurrence(self):
        """The occurrence listings show: the one the queryset computed (``with_shown_start``), or the next."""
        shown_start = getattr(self, "shown_start", None)
        if shown_start is None:
            return self.occurrence_to_show()
        start = timezone.localtime(shown_start, self.tzinfo)
        return Occurrence(self, start, later(start, self.duration))

    @property
    def tzinfo(self):
        return parse_time_zone(self.time_zone)

    @property
    def shows_own_time_zone(self):
        """Whether listings must name the zone: it is not the site's."""
        return bool(self.time_zone) and self.time_zone != settings.TIME_ZONE

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tzinfo)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tzinfo)

    @property
    def is_past(self):
        last_end = self.compute_last_occurrence_end()
        return last_end is not None and last_end < timezone.now()

    @cached_property
    def localized_organisers(self):
        return localize_pages(
            [link.organisation for link in self.organisers.select_related("organisation")],
            self.locale,
            site=self.get_site(),
        )


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: its start and end in the event's own time zone."""

    event: "EventPage"
    start: datetime.datetime
    end: datetime.datetime

    @property
    def spans_days(self):
        return self.start.date() != self.end.date()


class EventOrganiser(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey(
        "organisations.OrganisationPage",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="event_links",
    )

    panels = [FieldPanel("organisation")]
    api_fields = [APIField("organisation")]
