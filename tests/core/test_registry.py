"""The registries of content types and languages (core.registry, core.languages): complete,
unambiguous, and the one source every consumer reads."""

import re
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page, get_page_models

from core import languages
from core.registry import FieldKind, content_types, declared_entry
from forms.models import FormPage
from home.models import HomePage
from home.sections import get_section
from interchange import checks
from listings.models import listable_content_types
from localisation.locales import content_languages as localisation_languages
from search.analysis import languages as search_languages
from search.analysis.languages import elasticsearch_analyzer, stemmer, stopwords
from search.backends import elasticsearch_common
from search.service import SearchError, parse_search_params, search_types
from search.service.visibility import type_namer

ROOT = Path(__file__).resolve().parents[2]
#: The format's documented types (docs/content-format.md), which the registry must name.
FORMAT_DOC = ROOT / "docs" / "content-format.md"
#: Folders whose files may spell a type's name as data: benchmarks generate content of each type,
#: tests write lines of each type.
NOT_CONSUMERS = {"bench", "tests", "node_modules", "static", "locale"}


def project_sources():
    """The project's Python modules and templates, migrations left out (they freeze history)."""
    for folder in sorted(ROOT.iterdir()):
        if not folder.is_dir() or folder.name.startswith(".") or folder.name in NOT_CONSUMERS:
            continue
        for path in folder.rglob("*"):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                yield path


def public_page_models():
    """Every page model with a URL of its own (the tree's root, ``wagtailcore.Page``, has none)."""
    return [model for model in get_page_models() if model is not Page]


def test_every_page_model_is_registered_or_declared_unregistered():
    registry = content_types()
    sections = {entry.section_model for entry in registry}
    undeclared = [
        model.__name__ for model in public_page_models() if not declared_entry(model)[0] and model not in sections
    ]
    assert undeclared == [], "declare registry_entry (an entry, or None) in these models' bodies"


def test_names_are_unique_and_are_the_formats_documented_types():
    names = content_types().names()
    assert len(names) == len(set(names))
    documented = re.search(r"\| `type` \| yes \| – \| (.+) \|", FORMAT_DOC.read_text(encoding="utf-8")).group(1)
    assert set(re.findall(r"`([a-z_]+)`", documented)) == set(names)


def test_the_other_pages_entry_is_one_and_last():
    registry = content_types()
    covering = [entry for entry in registry if entry.covers_other_pages]
    assert covering == [registry.other_pages_entry()] == [registry.entries[-1]]


def test_sections_are_derived_from_parent_page_types():
    for entry in content_types():
        assert entry.section_model is entry.model.allowed_parent_page_models()[0]
        assert entry.model in entry.section_model.allowed_subpage_models()


def test_references_name_registered_types_and_existing_relations():
    registry = content_types()
    for entry in registry:
        for field in entry.reference_fields:
            assert field.target in registry.by_name
            if field.kind == FieldKind.REFERENCES:
                assert entry.model._meta.get_field(field.relation).one_to_many
            else:
                assert entry.model._meta.get_field(field.attribute).many_to_one


def test_every_import_field_sets_a_model_field():
    for entry in content_types():
        for field in entry.import_fields:
            entry.model._meta.get_field(field.attribute)
            if field.date_field:
                entry.model._meta.get_field(field.date_field)


def test_no_module_repeats_the_list_of_type_names():
    """A name only the registry's declarations spell: a copy of the vocabulary would name it too."""
    name = re.compile(r"\bheritage_project\b")
    spelled = [
        str(path.relative_to(ROOT))
        for path in project_sources()
        if name.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert spelled == ["heritage/models.py"]


# Every consumer reads the registry.


def test_search_offers_the_registered_searchable_types():
    names = [entry.name for entry in content_types().searchable()]
    assert search_types() == names
    for name in names:
        assert parse_search_params(QueryDict(f"q=x&type={name}")).types == [name]
    with pytest.raises(SearchError, match=", ".join(names)):
        parse_search_params(QueryDict("q=x&type=person"))


@pytest.mark.django_db
def test_search_names_each_registered_model_and_the_other_pages():
    namer = type_namer()
    registry = content_types()
    for entry in registry:
        assert namer(ContentType.objects.get_for_model(entry.model).pk) == entry.name
    other = registry.other_pages_entry().name
    assert namer(ContentType.objects.get_for_model(FormPage).pk) == other
    assert namer(ContentType.objects.get_for_model(HomePage).pk) == other


def test_the_interchange_format_takes_the_registered_types_and_their_fields():
    for entry in content_types():
        assert checks.check_value(entry.name, "type", entry.name) is None
        assert checks.allowed_fields(entry.name) == checks.COMMON_FIELDS + tuple(f.name for f in entry.import_fields)
    assert checks.check_value("page", "type", "person") is not None


@pytest.mark.django_db
def test_collections_list_the_registered_types():
    expected = {ContentType.objects.get_for_model(model).pk for model in content_types().models()}
    assert set(listable_content_types().values_list("pk", flat=True)) == expected


@pytest.mark.django_db
def test_placement_puts_each_type_under_its_section(home_page):
    for entry in content_types():
        section = get_section(entry.model, "en")
        assert isinstance(section, entry.section_model)
        if entry.section_model is HomePage:
            assert section.pk == home_page.pk
        else:
            assert section.get_parent().pk == home_page.pk
            assert section.title == entry.section_title


@pytest.mark.parametrize(
    ("name", "language", "label"),
    [
        ("heritage_project", "en", "Heritage project"),
        ("heritage_project", "ru", "Проект по сохранению наследия"),
        ("jubilee", "nl", None),
        ("page", "en", "Page"),
        ("collection-of-things", "en", "Page"),
    ],
)
def test_templates_label_types_from_the_registry(name, language, label):
    with translation.override(language):
        rendered = Template("{% load registry_tags %}{{ name|type_label }}").render(Context({"name": name}))
        entry = content_types().by_name.get(name) or content_types().other_pages_entry()
        assert rendered == (label or str(entry.display_label))


# Languages: settings stay the configuration; every consumer follows them.

GERMAN = [("en", "English"), ("nl", "Nederlands"), ("fr", "Français"), ("ru", "Русский"), ("de", "Deutsch")]


def test_every_consumer_reads_the_configured_languages():
    codes = languages.language_codes()
    assert search_languages.site_languages() == codes
    assert list(localisation_languages()) == codes
    assert elasticsearch_common.content_languages() == codes
    assert [code for code in codes if checks.check_value("page", "locale", code)] == []


@override_settings(LANGUAGES=GERMAN, WAGTAIL_CONTENT_LANGUAGES=GERMAN)
def test_a_language_added_in_settings_reaches_every_consumer():
    assert "de" in search_languages.site_languages()
    assert localisation_languages()["de"] == "Deutsch"
    assert "de" in elasticsearch_common.content_languages()
    assert checks.check_value("page", "locale", "de") is None
    assert parse_search_params(QueryDict("q=x&locale=de")).locale == "de"
    german = languages.get_language("de")
    assert (german.snowball_algorithm, german.elasticsearch_analyzer) == ("german", "german")
    assert stemmer("de").stemWord("häuser") == "haus"


def test_what_analysis_needs_of_each_language():
    english = languages.get_language("en")
    assert elasticsearch_analyzer("en") == english.elasticsearch_analyzer == "english"
    assert "the" in stopwords(["en"]) and "the" in english.stopwords
    assert languages.get_language("nl-BE").snowball_algorithm == "dutch"
    unknown = languages.get_language("xx")
    assert (unknown.snowball_algorithm, unknown.elasticsearch_analyzer, unknown.stopwords) == (
        None,
        "standard",
        frozenset(),
    )
    assert stemmer("xx") is None
