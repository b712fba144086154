"""The rule of the web addresses pages link visitors to: one for the editor and the content import."""

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

#: Visitors follow these links in a browser, which opens http(s) addresses only
#: (Django's own URL validator also takes ftp): an ftp link would be dead.
validate_web_address = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://.")
)
