"""The calendar's filters: category, organiser, city and month, from the query string.

Every view of the calendar (lists, month view, iCalendar and RSS feeds) reads
the same form, so a subscription URL gives exactly what the page showed. The
form offers what the calendar's upcoming events use, most used first, at most
:data:`MAX_CHOICES` organisers and cities, so that it stays small however long
the calendar's history; any organiser or city that some event of the calendar
has still filters (and is then offered). One that none has is ignored rather
than refused: links get shared, truncated and edited by hand.
A month is different, as ignoring it would answer about every month: one that
does not read as ``YYYY-MM`` or lies outside the calendar's years (those that
hold events, plus one on each side, see :func:`calendar_years`) is refused,
and the views answer 400 (the month view: 404 for a well-formed month outside
the range, so that its previous and next links cannot lead a crawler on forever).
"""

import datetime
import re
import zoneinfo
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.cache import content_cache, content_cache_key, kept_seconds
from core.plain_text import is_storable
from localisation.collation import sort_key
from localisation.relations import localize_pages
from organisations.models import OrganisationPage

from .models import EventCategory, EventOrganiser

#: Organisers and cities offered in the filters, at most (the most used).
MAX_CHOICES = 30

MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)

# Months whose start and end exist as datetimes in every time zone.
EARLIEST_YEAR = datetime.MINYEAR + 1
LATEST_YEAR = datetime.MAXYEAR - 1


def site_time_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def month_bounds(first_day):
    """Start of ``first_day``'s month and start of the next one, in the site's time zone."""
    tz = site_time_zone()
    start = datetime.datetime(first_day.year, first_day.month, 1, tzinfo=tz)
    return start, datetime.datetime(*next_month(first_day).timetuple()[:3], tzinfo=tz)


def next_month(first_day):
    """The first day of the month after ``first_day``'s."""
    return first_day + relativedelta(months=1, day=1)


def previous_month(first_day):
    """The first day of the month before ``first_day``'s."""
    return first_day + relativedelta(months=-1, day=1)


def format_month(first_day):
    """The query-string form of a month: ``2027-03``."""
    return f"{first_day.year:04d}-{first_day.month:02d}"


def parse_month(value):
    """``2027-03`` as the date 2027-03-01, or None (ASCII digits only, years the calendar can compute)."""
    month = read_month(value)
    return month if month and EARLIEST_YEAR <= month.year <= LATEST_YEAR else None


def read_month(value):
    """``YYYY-MM`` with a month from 01 to 12 as a date (years from 1 to 9999), or None."""
    match = MONTH_PATTERN.fullmatch(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (datetime.MINYEAR <= year <= datetime.MAXYEAR and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def calendar_years(events):
    """(first, last) year the calendar shows: the years holding ``events``, plus one on each side.

    The current year is always in. An event that repeats forever holds events
    in every year to come: it counts up to next year. One query.
    """
    figures = events.order_by().aggregate(
        first=Min("start"),
        last_start=Max("start"),
        last_end=Max("last_occurrence_end"),
        endless=Count("pk", filter=Q(last_occurrence_end__isnull=True)),
    )
    this_year = current_month().year
    # UTC years: an hour's difference at new year is covered by the year added on each side.
    first = min(filter(None, (this_year, figures["first"] and figures["first"].year)))
    last = max(
        this_year,
        figures["last_start"].year if figures["last_start"] else this_year,
        figures["last_end"].year if figures["last_end"] else this_year,
        this_year + 1 if figures["endless"] else this_year,
    )
    return max(first - 1, EARLIEST_YEAR), min(last + 1, LATEST_YEAR)


@dataclass(frozen=True)
class OfferedOrganiser:
    """An organiser the filter offers, in the calendar's language (kept in the content cache)."""

    pk: int
    title: str
    translation_key: object

    @classmethod
    def of(cls, page):
        return cls(pk=page.pk, title=page.title, translation_key=page.translation_key)


@dataclass(frozen=True)
class FilterOffer:
    """What a calendar's filter form offers: its years, and the most used categories, organisers and cities."""

    years: tuple
    categories: list
    organisers: list
    cities: list


def kept_offer(index):
    """The calendar's :class:`FilterOffer`, read once per content version and hour.

    Every view of the calendar (lists, month view, feeds, iCalendar) builds
    the form; its offer reads aggregates over all the calendar's events. What
    is upcoming changes with time alone, hence the hour in the key.
    """
    hour = timezone.now().strftime("%Y-%m-%dT%H")
    key = content_cache_key("event-filter-offer", index.pk, hour)
    offer = content_cache().get(key)
    if offer is None:
        offer = read_offer(index)
        # Not past the next expiry: the offer names organisers and cities of pages that may expire.
        content_cache().set(key, offer, kept_seconds())
    return offer


def read_offer(index):
    events = index.events()
    upcoming = events.filter(events._still_running(timezone.now())).order_by()
    categories = [
        row["category"] for row in upcoming.values("category").annotate(uses=Count("pk")).order_by("-uses", "category")
    ]
    by_use = list(
        EventOrganiser.objects.filter(event__in=upcoming.values("pk"))
        .values("organisation__translation_key")
        .annotate(uses=Count("event", distinct=True), organisation=Min("organisation_id"))
        .order_by("-uses", "organisation__translation_key")[:MAX_CHOICES]
    )
    organisers = []
    if by_use:
        rank = {row["organisation__translation_key"]: position for position, row in enumerate(by_use)}
        links = localize_pages(
            OrganisationPage.objects.filter(pk__in=[row["organisation"] for row in by_use]).select_related("locale"),
            index.locale,
            site=index.get_site(),
        )
        links.sort(key=lambda link: (rank.get(link.page.translation_key, len(rank)), sort_key(link.page.title)))
        organisers = [OfferedOrganiser.of(link.page) for link in links]
    cities = list(
        upcoming.exclude(city="")
        .values("city")
        .annotate(uses=Count("pk"))
        .order_by("-uses", "city")
        .values_list("city", flat=True)[:MAX_CHOICES]
    )
    return FilterOffer(years=calendar_years(events), categories=categories, organisers=organisers, cities=cities)


def current_month():
    return timezone.localdate(timezone=site_time_zone()).replace(day=1)


class EventFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    organiser = forms.TypedChoiceField(label=_("Organiser"), coerce=int, required=False, empty_value=None)
    city = forms.ChoiceField(label=_("City"), required=False)
    month = forms.CharField(
        label=_("Month"), required=False, widget=forms.TextInput(attrs={"type": "month", "placeholder": "2027-03"})
    )

    def __init__(self, data, index):
        super().__init__(data)
        self.index = index
        events = index.events()
        offer = kept_offer(index)
        self.years = offer.years
        # Offered: what the calendar's upcoming events use, most used first, at most
        # MAX_CHOICES of each; a value outside those (a shared link, a past event's
        # organiser) still filters when it exists, and is then offered too.
        self.fields["category"].choices = [("", _("All categories")), *self.category_choices(offer.categories)]
        self.organisers = {organiser.pk: organiser for organiser in offer.organisers}
        asked = self.asked_organiser()
        if asked is not None and asked not in self.organisers:
            self.organisers.update(self.asked_organisers(asked, events))
        self.fields["organiser"].choices = [("", _("All organisers"))] + [
            (pk, organiser.title) for pk, organiser in self.organisers.items()
        ]
        cities = list(offer.cities)
        asked_city = self.data.get("city") if self.data else None
        if (
            asked_city
            and asked_city not in cities
            and is_storable(asked_city)
            and events.filter(city=asked_city).exists()
        ):
            cities.append(asked_city)
        self.fields["city"].choices = [("", _("All cities"))] + [(city, city) for city in cities]
        self.full_clean()

    @property
    def subscription_groups(self):
        """One iCalendar subscription per category, organiser and city offered (see events/includes/subscriptions.html)."""
        return [
            {"heading": heading, "parameter": name, "choices": self.fields[name].choices[1:]}
            for name, heading in (
                ("category", _("By category")),
                ("organiser", _("By organiser")),
                ("city", _("By city")),
            )
            if len(self.fields[name].choices) > 1
        ]

    def category_choices(self, by_use):
        """Categories of upcoming events (``by_use``: their values, most used first), then the others."""
        labels = dict(EventCategory.choices)
        return [(value, labels[value]) for value in by_use if value in labels] + [
            (value, label) for value, label in EventCategory.choices if value not in by_use
        ]

    def asked_organiser(self):
        """The organiser id in the query string, when it reads as one."""
        value = self.data.get("organiser") if self.data else None
        if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
            return None
        return int(value)

    def asked_organisers(self, asked, events):
        """The organiser asked for when not offered: any organiser of this calendar, upcoming or past, in any language."""
        asked_key = OrganisationPage.objects.filter(pk=asked).values("translation_key")
        found = EventOrganiser.objects.filter(
            event__in=events.values("pk"), organisation__translation_key__in=asked_key
        ).values_list("organisation_id", flat=True)[:1]
        links = localize_pages(
            OrganisationPage.objects.filter(pk__in=list(found)).select_related("locale"),
            self.index.locale,
            site=self.index.get_site(),
        )
        return {link.page.pk: OfferedOrganiser.of(link.page) for link in links}

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return None
        month = read_month(value)
        if month is None:
            raise forms.ValidationError(_("Give the month as YYYY-MM."), code="invalid")
        first, last = self.first_month, self.last_month
        if not first <= month <= last:
            raise forms.ValidationError(
                _("The calendar covers %(first)s to %(last)s: choose a month in between."),
                code="out_of_range",
                params={
                    "first": date_format(first, "YEAR_MONTH_FORMAT"),
                    "last": date_format(last, "YEAR_MONTH_FORMAT"),
                },
            )
        return month

    @property
    def first_month(self):
        return datetime.date(self.years[0], 1, 1)

    @property
    def last_month(self):
        return datetime.date(self.years[1], 12, 1)

    @property
    def month_error(self):
        """The reason the month was refused, or None."""
        errors = self.errors.get("month")
        return errors[0] if errors else None

    @property
    def month_out_of_range(self):
        return any(error.code == "out_of_range" for error in self.errors.as_data().get("month", []))

    @property
    def period(self):
        """(start, end) of the month asked for, or (None, None)."""
        month = self.selected_month
        return month_bounds(month) if month else (None, None)

    @property
    def values(self):
        """The filters that parsed; the others are ignored."""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    @property
    def selected_month(self):
        return self.values.get("month")

    def apply(self, events, month=None):
        """``events`` narrowed by the filters (and by ``month``, which defaults to the filter's)."""
        values = self.values
        if values.get("category"):
            events = events.filter(category=values["category"])
        if values.get("organiser"):
            organiser = self.organisers[values["organiser"]]
            # Organisers are linked in whichever language the editor chose.
            events = events.filter(
                pk__in=EventOrganiser.objects.filter(organisation__translation_key=organiser.translation_key).values(
                    "event"
                )
            )
        if values.get("city"):
            events = events.filter(city=values["city"])
        month = month or values.get("month")
        if month:
            events = in_period(events, *month_bounds(month))
        return events


def in_period(events, period_start, period_end):
    """Events with at least one occurrence in the period.

    The database narrows by first start and last end; a recurring event whose
    span covers the period but whose dates skip it (a yearly festival) is then
    dropped after one more query on the recurring candidates.
    """
    events = events.overlapping(period_start, period_end)
    recurring = events.exclude(recurrence="").only("id", "start", "end", "time_zone", "recurrence", "exception_dates")
    skipping = [event.pk for event in recurring if not event.occurrences_between(period_start, period_end)]
    return events.exclude(pk__in=skipping) if skipping else events
