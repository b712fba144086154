"""Events of the network: concerts, exhibitions, lectures, festivals..."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from home.localization import localize_pages
from home.models import BasePage, ContentPageQuerySet, LocationMixin


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


class EventQuerySet(ContentPageQuerySet):
    def upcoming(self):
        return self.visible().filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        return self.visible().filter(end__lt=timezone.now()).order_by("-start")


class EventIndexPage(BasePage):
    """The calendar: upcoming events first, then past ones, with filters."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")


class EventPage(LocationMixin, BasePage):
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
    url = models.URLField(_("registration or details link"), blank=True)

    content_panels = BasePage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("category"),
                FieldPanel("venue"),
                *LocationMixin.location_panels,
                FieldPanel("url"),
            ],
            heading=_("Event"),
        ),
        InlinePanel("organisers", label=_("Organisers")),
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

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(EventQuerySet)()

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @property
    def tzinfo(self):
        return parse_time_zone(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tzinfo)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tzinfo)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @cached_property
    def localized_organisers(self):
        return localize_pages(
            [link.organisation for link in self.organisers.select_related("organisation")], self.locale
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
