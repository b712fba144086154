"""Form pages editors build in the admin: contact forms, applications, registrations.

Built on Wagtail's form builder (``wagtail.contrib.forms``): the editor adds
the fields, the submissions are listed (and exported as CSV, and deleted) under
Forms in the admin, and each one may be e-mailed to the addresses given.

What a public form needs beyond that lives here and in :mod:`forms.builder`:

- A visitor's submission is never lost: it is stored first, then e-mailed; an
  e-mail that fails is logged and the visitor still sees the confirmation.
- Spam without third-party services: a honeypot field (a submission with it
  filled is answered like any other and discarded, and logged), and a limit of
  ``FORM_SUBMISSIONS_PER_HOUR`` submissions per address.
- A form page is never kept by a page cache (``Cache-Control: private,
  no-store``): it carries a CSRF token and its answers depend on the visitor.
- Personal data is kept ``FORM_SUBMISSION_RETENTION_DAYS`` days
  (``purge_form_submissions``, run daily by ``run_scheduler``).
- The page and its fields are translated with wagtail-localize: labels, help
  texts, choices, default values and the confirmation text. Each field keeps
  its source's ``clean_name``, so that the submissions of every language have
  the same columns.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage
from core.ratelimit import retry_after, too_many_requests

from .builder import HONEYPOT_FIELD, VisitorFormBuilder

logger = logging.getLogger(__name__)

HOUR = 60 * 60


def submissions_per_hour():
    return getattr(settings, "FORM_SUBMISSIONS_PER_HOUR", 10)


class FormField(TranslatableMixin, AbstractFormField):
    """One field of a form page, translated with the page (its own copy per language)."""

    page = ParentalKey("forms.FormPage", on_delete=models.CASCADE, related_name="form_fields")

    # The column a value is stored under: one for all languages of the form.
    override_translatable_fields = [SynchronizedField("clean_name", overridable=False)]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")


class FormPage(AbstractEmailForm, BasePage):
    """A form visitors fill in; the body introduces it, the confirmation text thanks them."""

    thank_you_text = RichTextField(
        _("confirmation text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown once the form is sent."),
    )

    form_builder = VisitorFormBuilder
    template = "forms/form_page.html"
    landing_page_template = "forms/form_page_landing.html"

    content_panels = BasePage.content_panels + [
        InlinePanel("form_fields", label=_("Form fields"), heading=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("E-mail notification"),
        ),
    ]

    # Where the notification goes is the same in every language (an editor may set another).
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    # Not a content type: in search, one of the other pages; not in the interchange format.
    registry_entry = None
    subpage_types = []

    class Meta:
        verbose_name = _("form page")

    def serve(self, request, *args, **kwargs):
        response = self.answer(request, *args, **kwargs)
        # Never kept by the page cache nor by a shared cache in front.
        patch_cache_control(response, private=True, no_store=True)
        return response

    def answer(self, request, *args, **kwargs):
        if request.method != "POST":
            return self.render_form(request, self.get_form(page=self, user=request.user))
        seconds = retry_after(request, "form-submission", submissions_per_hour(), window=HOUR)
        if seconds:
            logger.warning("Form submission refused: too many from one address", extra={"page_id": self.pk})
            return too_many_requests(request, seconds)
        if request.POST.get(HONEYPOT_FIELD):
            # Answered as a success, so that the bot learns nothing; nothing is stored or sent.
            logger.info("Form submission discarded as spam: the hidden field was filled", extra={"page_id": self.pk})
            return self.render_landing_page(request, None, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            return self.render_form(request, form, status=HTTPStatus.BAD_REQUEST)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)

    def render_form(self, request, form, status=HTTPStatus.OK):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        """Store the submission, then e-mail it: an e-mail that fails loses nothing."""
        submission = self.get_submission_class().objects.create(form_data=form.submitted_data(), page=self)
        if self.to_address:
            try:
                self.send_mail(form)
            except Exception:
                logger.exception(
                    "Form submission stored, but its notification e-mail could not be sent",
                    extra={"page_id": self.pk, "submission_id": submission.pk},
                )
        return submission

    def send_mail(self, form):
        if not self.subject:
            self.subject = self.title
        super().send_mail(form)

    def render_email(self, form):
        lines = []
        for field in form.person_fields:
            value = form.cleaned_data.get(field.name)
            if isinstance(value, list):
                value = ", ".join(value)
            lines.append(f"{field.label}: {'' if value is None else value}")
        return "\n".join(lines)
