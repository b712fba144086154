"""What stops an import after validation: a page the model still refuses, reported as problems of its line."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError

from .building import item_field_of
from .reading import Problem

#: What a page refused at import raises: reported as a problem of the line, the import undone.
IMPORT_FAILURES = (ValidationError, ValueError, OverflowError, UnicodeError, DatabaseError)


def problems_of(error, line, model):
    """The problems to report for ``error``, raised while line ``line`` made a page of ``model``."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            Problem(line, item_field_of(model, name), message)
            for name, errors in error.error_dict.items()
            for message in ValidationError(errors).messages
        ]
    if isinstance(error, ValidationError):
        return [Problem(line, "line", message) for message in error.messages]
    return [Problem(line, "line", f"could not be imported ({type(error).__name__}: {str(error)[:200]})")]
