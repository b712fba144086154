"""The search's language data is loaded with the site (config/wsgi.py), without reading the database."""

from search.analysis import gazetteer
from search.analysis.preload import load_language_data


def test_the_language_data_is_loaded_before_any_search_without_the_database(django_assert_num_queries, db):
    gazetteer._index.cache_clear()
    with django_assert_num_queries(0):
        load_language_data()
    assert gazetteer._index.cache_info().currsize == 1


def test_the_wsgi_module_loads_it():
    from pathlib import Path

    import config

    assert "load_language_data()" in (Path(config.__file__).parent / "wsgi.py").read_text(encoding="utf-8")
