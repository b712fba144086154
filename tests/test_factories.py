"""Every model of the project's apps has a factory in tests/factories.py, and each makes a valid object.

A model added without a factory fails here, so that tests of what comes next
can make its objects in one line.
"""

from pathlib import Path

import factory
import pytest
from django.apps import apps
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db


def first_party_models():
    """The concrete models of the apps that live in this repository (not in the virtualenv)."""
    base = Path(settings.BASE_DIR).resolve()
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            yield from (model for model in app.get_models() if not model._meta.proxy)


def model_factories():
    """Each factory of tests/factories.py for a model, by model."""
    found = {}
    for value in vars(factories).values():
        is_factory = isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory)
        if is_factory and not value._meta.abstract:
            found.setdefault(value._meta.get_model_class(), value)
    return found


FACTORIES = model_factories()


def test_every_model_of_the_project_has_a_factory():
    models = list(first_party_models())
    missing = sorted(model._meta.label for model in models if model not in FACTORIES)

    assert len(models) > 20, "the project's apps were not found"
    assert not missing, f"Add a factory to tests/factories.py for: {', '.join(missing)}"


@pytest.mark.parametrize(
    "model_factory", sorted(FACTORIES.values(), key=lambda cls: cls.__name__), ids=lambda cls: cls.__name__
)
def test_the_factory_makes_a_valid_saved_object_with_no_arguments(model_factory):
    made = model_factory()

    made.refresh_from_db()
    made.full_clean()
    assert isinstance(made, model_factory._meta.get_model_class())
