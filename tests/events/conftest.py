import datetime

import pytest

from tests import factories


@pytest.fixture
def calendar(sections):
    return sections["events"]


@pytest.fixture
def make_event(calendar):
    def make(start=None, hours=2, **kwargs):
        kwargs.setdefault("parent", calendar)
        if start is not None:
            kwargs.update(start=start, end=start + datetime.timedelta(hours=hours))
        return factories.EventPageFactory(**kwargs)

    return make
