"""Registration for events: optional, with a number of places and a waiting list.

A page type takes :class:`RegistrationMixin` (``EventPage`` does) to let
visitors register on the page itself. The editor turns registration on and
may set a number of places; once they are taken, further registrations go to
the waiting list (or are refused when the editor wants no waiting list). A
cancellation (the link in each confirmation e-mail) frees a place, which goes
to the first on the waiting list, who is told by e-mail.

Places are counted over every translation of the page: a Dutch and a Russian
visitor register for the same event. The settings are synchronised from the
source page (wagtail-localize syncs non-text fields), so every translation
offers the same places.

The page class provides ``is_past`` (registration closes once it is true).
"""

from django.db import models
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path

from .forms import RegistrationForm
from .registrant import Registrant, RegistrationStatus


class RegistrationMixin(models.Model):
    """Fields, panels and routes of a page visitors register for (``register/``, ``registration/<token>/``)."""

    registration_enabled = models.BooleanField(
        _("visitors register on this page"),
        default=False,
        help_text=_("Shows a registration form (name and e-mail address) until the event is over."),
    )
    registration_capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the places are taken, further registrations go to a waiting list (else they are refused)."),
    )

    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("registration_capacity"), FieldPanel("registration_waiting_list")]),
            ],
            heading=_("Registration"),
        )
    ]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.registration_enabled and response.get("Content-Type", "").startswith("text/html"):
            # The page carries a form with a CSRF token and the places left: never kept by a cache
            # (its iCalendar file, the same for everyone, still is).
            patch_cache_control(response, private=True, no_store=True)
        return response

    @path("register/", name="register")
    def register_route(self, request):
        from .views import register

        return register(request, self)

    @path("registration/<uuid:token>/", name="registration")
    def registration_route(self, request, token):
        from .views import registration_detail

        return registration_detail(request, self, token)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.registration_enabled:
            context["registration_form"] = RegistrationForm()
        return context

    @property
    def registration_is_open(self):
        return self.registration_enabled and not self.is_past

    def registrations(self):
        """The registrations for this page in every language."""
        return Registrant.objects.filter(event_key=self.translation_key)

    @property
    def places_taken(self):
        return self.registrations().filter(status=RegistrationStatus.CONFIRMED).count()

    @property
    def places_left(self):
        """Places still free, or None without a limit."""
        if self.registration_capacity is None:
            return None
        return max(self.registration_capacity - self.places_taken, 0)

    @property
    def registration_full(self):
        return self.places_left == 0
