"""The registration routes of a page (see :class:`registrations.models.RegistrationMixin`)."""

import logging
from http import HTTPStatus

from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect

from core.ratelimit import retry_after, too_many_requests
from forms.models import submissions_per_hour

from . import booking
from .forms import RegistrationForm
from .registrant import Registrant, RegistrationStatus

logger = logging.getLogger(__name__)

HOUR = 60 * 60
RESULT_TEMPLATE = "registrations/registration_page.html"


def register(request, page):
    if not page.registration_enabled:
        raise Http404
    if request.method == "GET":
        return HttpResponseRedirect(page.url)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    seconds = retry_after(request, "event-registration", submissions_per_hour(), window=HOUR)
    if seconds:
        logger.warning("Registration refused: too many from one address", extra={"page_id": page.pk})
        return too_many_requests(request, seconds)
    form = RegistrationForm(request.POST)
    if form.is_spam:
        # Answered as a success, so that the bot learns nothing; nothing is stored or sent.
        logger.info("Registration discarded as spam: the hidden field was filled", extra={"page_id": page.pk})
        return render_result(request, page, outcome="received")
    if not form.is_valid():
        response = page.render(request, context_overrides={"registration_form": form})
        response.status_code = HTTPStatus.BAD_REQUEST
        return response
    try:
        registrant, created = booking.register(page, form.cleaned_data["name"], form.cleaned_data["email"])
    except booking.RegistrationRefused:
        return render_result(request, page, outcome="full", status=HTTPStatus.CONFLICT)
    if not created:
        # Said the same way whatever the status, so that nobody learns another's registration.
        booking.send_registration_mail(registrant, page)
        return render_result(request, page, outcome="received")
    return render_result(request, page, registrant=registrant, outcome=registrant.status)


def registration_detail(request, page, token):
    """A registrant's own page: their status, and the button that cancels (POST, not a link prefetchers follow)."""
    registrant = Registrant.objects.filter(token=token, event_key=page.translation_key).first()
    if registrant is None:
        raise Http404
    if request.method == "POST":
        booking.cancel(registrant, page)
        registrant.refresh_from_db()
        return render_result(request, page, registrant=registrant, outcome="cancelled")
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render_result(request, page, registrant=registrant, outcome="status")


def render_result(request, page, outcome, registrant=None, status=HTTPStatus.OK):
    response = page.render(
        request,
        template=RESULT_TEMPLATE,
        context_overrides={
            "registrant": registrant,
            "outcome": outcome,
            "statuses": RegistrationStatus,
            "waiting_position": registrant.waiting_position() if registrant else None,
        },
    )
    response.status_code = status
    return response
