from tests.events.conftest import other_site_calendar  # noqa: F401 - shared fixture
