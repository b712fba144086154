"""Slug changes redirect the old address only where a page was published there."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from localisation.translation import translate_page
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_published_page_renamed_is_redirected_from_its_old_address(home_page, django_capture_on_commit_callbacks):
    page = factories.StandardPageFactory(parent=home_page, slug="samovar", live=False)
    page.save_revision().publish()
    page.slug = "balalaika"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    redirect = Redirect.objects.get(old_path="/en/samovar")
    assert redirect.redirect_page_id == page.pk


def test_a_translation_given_its_own_slug_leaves_no_redirect(home_page, django_capture_on_commit_callbacks):
    page = factories.StandardPageFactory(parent=home_page, title="Samovar", slug="samovar")
    with django_capture_on_commit_callbacks(execute=True):
        translated = translate_page(page, "nl", {"title": "Samowar", "slug": "samowar"})
    assert translated.slug == "samowar"
    assert not Redirect.objects.exists()
