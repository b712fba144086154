"""Find, or create, each language's home page and its section pages.

The content importer and the demo loader both need "the organisation directory
in Dutch" or "the English events calendar" to place pages in. English sections
are plain pages under the default site's root; every other language gets
wagtail-localize translations of them (titled and slugged in that language), so
that the section pages of all languages stay linked like any other content.

Which section a content type goes in, and the title of a new section page,
are the registry's (:mod:`core.registry`: the first of the model's
``parent_page_types``); a type whose section is the home page's type goes
under the home page.
"""

from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Site

from core.registry import content_types
from localisation.slugs import slug_from_title
from localisation.translation import translate_page

HOME_TITLE = gettext_noop("Home")


def _as_locale(locale):
    return locale if isinstance(locale, Locale) else Locale.objects.get(language_code=locale)


def _translate_into(source_page, locale, title):
    """A wagtail-localize translation of ``source_page`` titled ``title`` in its language."""
    parent = source_page.get_parent().get_translation_or_none(locale) or source_page.get_parent()
    slug = find_available_slug(parent, slug_from_title(title))
    return translate_page(source_page, locale, {"title": title, "slug": slug})


def _localized_title(english_title, locale):
    with translation.override(locale.language_code):
        return gettext(english_title)


def _default_home():
    """The English home page: the default site's root, which every other language translates."""
    return Site.objects.get(is_default_site=True).root_page.specific


def get_home_page(locale):
    """The home page of ``locale`` (a Locale or a language code), created when missing."""
    locale = _as_locale(locale)
    english_home = _default_home()
    if english_home.locale_id == locale.pk:
        return english_home
    existing = english_home.get_translation_or_none(locale)
    if existing:
        return existing.specific
    return _translate_into(english_home, locale, _localized_title(HOME_TITLE, locale))


def get_section(page_model, locale):
    """The section page of ``page_model`` in ``locale``, created when missing.

    ``page_model`` is a section model (``EventIndexPage``) or the content model
    that lives in it (``EventPage``); plain pages (``StandardPage``) and the
    home page get the locale's home page.
    """
    locale = _as_locale(locale)
    registry = content_types()
    section_model = registry.section_of(page_model)
    home = get_home_page(locale)
    if section_model is home.specific_class:
        return home
    section_title = registry.section_title(section_model)
    if not section_title:
        raise ValueError(f"{page_model.__name__} has no section page")
    existing = section_model.objects.child_of(home).first()
    if existing:
        return existing
    english_home = _default_home()
    english_section = section_model.objects.child_of(english_home).first()
    if english_section is None:
        title = section_title
        english_section = section_model(title=title, slug=find_available_slug(english_home, slug_from_title(title)))
        english_home.add_child(instance=english_section)
        english_section.save_revision().publish()
        if english_home.pk == home.pk:
            return english_section
    return _translate_into(english_section, locale, _localized_title(section_title, locale))
