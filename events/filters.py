"""The calendar's filters: category, organiser, city and month, from the query string.

Every view of the calendar (lists, month view, iCalendar and RSS feeds) reads
the same form, so a subscription URL gives exactly what the page showed. A value
that does not parse is ignored rather than refused: links get shared, truncated
and edited by hand.
"""

import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.localization import localize_pages
from organisations.models import OrganisationPage

from .models import EventCategory, EventOrganiser

MONTH_FORMAT = "%Y-%m"


def site_time_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def month_bounds(first_day):
    """Start of ``first_day``'s month and start of the next one, in the site's time zone."""
    tz = site_time_zone()
    start = datetime.datetime(first_day.year, first_day.month, 1, tzinfo=tz)
    next_month = (first_day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return start, datetime.datetime(next_month.year, next_month.month, 1, tzinfo=tz)


def parse_month(value):
    """``2027-03`` as the date 2027-03-01, or None."""
    try:
        return datetime.datetime.strptime(value or "", MONTH_FORMAT).date()
    except ValueError:
        return None


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
        self.fields["category"].choices = [("", _("All categories")), *EventCategory.choices]
        # Organisers of this calendar's events, each shown in the calendar's language.
        self.organisers = {
            link.page.pk: link.page
            for link in localize_pages(
                OrganisationPage.objects.filter(event_links__event__in=events).select_related("locale").distinct(),
                index.locale,
            )
        }
        self.fields["organiser"].choices = [("", _("All organisers"))] + [
            (pk, page.title) for pk, page in sorted(self.organisers.items(), key=lambda item: item[1].title)
        ]
        cities = events.exclude(city="").order_by("city").values_list("city", flat=True).distinct()
        self.fields["city"].choices = [("", _("All cities"))] + [(city, city) for city in cities]
        self.full_clean()

    def clean_month(self):
        value = self.cleaned_data["month"]
        if value and parse_month(value) is None:
            raise forms.ValidationError(_("Give the month as YYYY-MM."))
        return parse_month(value)

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
    recurring = events.exclude(recurrence="").only("id", "start", "end", "time_zone", "recurrence")
    skipping = [event.pk for event in recurring if not event.occurrences_between(period_start, period_end)]
    return events.exclude(pk__in=skipping) if skipping else events
