"""The interface catalogues compiled for a test that reads translated strings."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real


@pytest.fixture
def compiled_catalogues():
    """Compile locale/*.po and forget the catalogues this process loaded before the .mo files were fresh."""
    call_command("compile_translations", verbosity=0)
    trans_real._translations = {}
    trans_real._default = None
    yield
    trans_real._translations = {}
    trans_real._default = None
    translation.activate(settings.LANGUAGE_CODE)
