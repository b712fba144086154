"""Events written by the batch import before it worked out their last date have none.

An empty ``last_occurrence_end`` means "repeats forever" to every list, so such
an event stayed upcoming after it was over. A one-off event's last date is its
end; a rule with an end is walked to its last occurrence, as a save does.
"""

from django.db import migrations
from django.db.models import F

from events.occurrences import OCCURRENCE_FIELDS, EventDates


def fill_last_occurrence_end(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    missing = EventPage.objects.filter(last_occurrence_end__isnull=True)
    missing.filter(recurrence="").update(last_occurrence_end=F("end"))
    rows = missing.exclude(recurrence="").values_list("pk", *OCCURRENCE_FIELDS, "last_occurrence_end")
    for row in rows.iterator():
        last_end = EventDates(*row).compute_last_occurrence_end()
        if last_end is not None:
            EventPage.objects.filter(pk=row[0]).update(last_occurrence_end=last_end)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_eventpage_exception_dates")]

    operations = [migrations.RunPython(fill_last_occurrence_end, migrations.RunPython.noop)]
