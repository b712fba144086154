"""Events of the network: concerts, exhibitions, lectures, festivals..."""

from django.core.exceptions import ValidationError
from django.db import models
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

from core.models import BasePage, LocationMixin
from core.registry import ContentTypeEntry, FieldKind, ImportField
from core.web_addresses import validate_web_address
from localisation.api_fields import RelatedPagesField
from localisation.relations import localize_pages
from registrations.models import RegistrationMixin

from .exception_dates import EXCEPTION_DATES_HELP_TEXT, ExceptionDatesField
from .occurrences import EventOccurrences
from .queries import EventQuerySet
from .recurrence import (
    RECURRENCE_HELP_TEXT,
    build_rule,
    exception_starts,
    normalize_recurrence,
    parse_exception_dates,
    validate_recurrence,
)
from .recurrence_preview import RecurrencePanel
from .times import validate_time_zone
from .widgets import FORM_HELP_TEXT as RECURRENCE_FORM_HELP_TEXT
from .widgets import RecurrenceWidget


class EventCategory(models.TextChoices):
    CONCERT = "concert", _("Concert")
    EXHIBITION = "exhibition", _("Exhibition")
    LECTURE = "lecture", _("Lecture")
    FESTIVAL = "festival", _("Festival")
    COMMEMORATION = "commemoration", _("Commemoration")
    MEETING = "meeting", _("Meeting")
    COURSE = "course", _("Course")
    OTHER = "other", _("Other")


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
        from .month_view import month_view

        return month_view(request, self)

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


class EventPage(RegistrationMixin, RoutablePageMixin, LocationMixin, EventOccurrences, BasePage):
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
    exception_dates = ExceptionDatesField(_("exception dates"), help_text=EXCEPTION_DATES_HELP_TEXT)
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
                RecurrencePanel("recurrence", widget=RecurrenceWidget, help_text=RECURRENCE_FORM_HELP_TEXT),
                FieldPanel("exception_dates"),
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
        APIField("exception_dates"),
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
            ImportField("recurrence", FieldKind.RECURRENCE, canonical=normalize_recurrence),
            ImportField("exception_dates", FieldKind.DATES, needs="recurrence"),
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
        SynchronizedField("exception_dates", overridable=False),
    ]

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        self.clean_exception_dates()
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

    def clean_exception_dates(self):
        """Sorted ISO dates; dropped when the event does not repeat, and each one of the event's dates."""
        try:
            days = parse_exception_dates(self.exception_dates)
        except ValidationError as error:
            raise ValidationError({"exception_dates": error.messages}) from None
        if not self.recurrence:
            days = []
        self.exception_dates = [day.isoformat() for day in days]
        if not days or not self.start:
            return
        local_start = self.local_start
        if local_start.date() in days:
            raise ValidationError(
                {
                    "exception_dates": _(
                        "The first date cannot be an exception: move the start to the next date instead."
                    )
                }
            )
        try:
            rule = normalize_recurrence(self.recurrence, self.tzinfo)
        except ValidationError:
            return  # The rule's own error is raised below.
        dates = iter(build_rule(rule, local_start))
        date = next(dates, None)
        missing = []
        # The days are in order: one walk along the rule answers them all (not one walk from the start each).
        for day, start in zip(days, exception_starts(days, local_start), strict=True):
            while date is not None and date < start:
                date = next(dates, None)
            if date != start:
                missing.append(day)
        if missing:
            raise ValidationError(
                {
                    "exception_dates": _("Not a date of this event: %(dates)s.")
                    % {"dates": ", ".join(date_format(day, "DATE_FORMAT") for day in missing)}
                }
            )

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        super().save(*args, **kwargs)

    def set_derived_fields(self):
        """What a save works out from the other fields; also called by the writes that skip ``save`` (an import)."""
        self.last_occurrence_end = self.compute_last_occurrence_end()

    @path("", name="detail")
    def detail(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical(self, request):
        from . import views

        return views.event_ical(request, self)

    @property
    def category_label(self):
        """The category's name in the active language.

        ``get_category_display()`` translates every category to find one
        (Django hashes the whole list of choices on each call): a calendar of
        hundreds of events asks once per event.
        """
        try:
            return str(EventCategory(self.category).label)
        except ValueError:
            return self.category

    @cached_property
    def localized_organisers(self):
        return localize_pages(
            [link.organisation for link in self.organisers.select_related("organisation")],
            self.locale,
            site=self.get_site(),
        )


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
