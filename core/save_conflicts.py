"""A save refused by the model after its form was accepted: a 409 with the reason, not a 500.

The page editor validates its form, then saves; Wagtail's ``Page.save`` runs
``full_clean`` again. Between the two, another request may have taken what the
form checked: Wagtail 8's autosave creating the same new page a moment before
the editor's Publish, or a second editor saving a sibling with the same slug.
The model then raises ``ValidationError`` out of the view, which Django would
answer with a server error although nothing is broken and nothing was written
(the view's transaction is rolled back). This middleware answers such a request
to the admin with 409 Conflict and the model's own messages, and logs it.
"""

import logging
from http import HTTPStatus

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)


def admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


class SaveConflictMiddleware:
    """Turns a ``ValidationError`` escaping an admin form's save into a 409 page with its messages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        prefix = admin_prefix()
        if not isinstance(exception, ValidationError) or request.method != "POST":
            return None
        if prefix is None or not request.path.startswith(prefix):
            return None
        messages = [str(message) for message in exception.messages]
        logger.warning("Admin save refused after its form was accepted: %s (%s)", messages, request.path)
        return TemplateResponse(
            request, "core/save_conflict.html", {"messages_of_conflict": messages}, status=HTTPStatus.CONFLICT
        )
