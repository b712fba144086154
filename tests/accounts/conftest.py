import pytest

from tests import factories


@pytest.fixture
def staff_user(db):
    """An editor: admin access, two-factor sign-in optional."""
    user = factories.UserFactory(username="nadia", group="Editors")
    return user
