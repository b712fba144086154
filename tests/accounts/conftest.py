import pytest

from tests import factories


@pytest.fixture
def staff_user(db):
    """An editor: admin access, two-factor sign-in optional."""
    user = factories.UserFactory(username="nadia", group="Editors")
    return user


@pytest.fixture
def moderator(db):
    user = factories.UserFactory(username="olga", group="Moderators")
    return user


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)
