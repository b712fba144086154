import pytest

from tests import factories


@pytest.fixture
def concert(sections):
    """An event with registration on and two places."""
    return factories.EventPageFactory(
        parent=sections["events"],
        title="Romances evening",
        slug="romances-evening",
        registration_enabled=True,
        registration_capacity=2,
    )


@pytest.fixture
def register(client):
    """Post the registration form of ``page`` as a visitor from ``address``."""

    def post(page, name, email, address="203.0.113.7", **extra):
        data = {"name": name, "email": email, **extra}
        return client.post(page.url + "register/", data, REMOTE_ADDR=address)

    return post
