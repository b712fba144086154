"""The pre-analysed search terms every page indexes, computed by the app that analyses text.

:class:`core.models.BasePage` indexes two extra fields: the terms of its title
and the terms of all its text, stemmed and transliterated in the page's own
language. That analysis belongs to the ``search`` app, which depends on core;
core may not import it. So core declares what it needs, a
:class:`PageTermAnalyser`, and the search app registers its implementation when
it starts (``SearchConfig.ready``). Pages are indexed only after every app is
ready, so a missing analyser is a configuration error, not a page without terms.
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class PageTermAnalyser(Protocol):
    """Turns a page's texts into the whitespace-separated terms the search index stores."""

    def title_terms(self, page) -> str:
        """The analysed terms of the page's title."""

    def text_terms(self, page) -> str:
        """The analysed terms of all the page's text, title included."""


_analyser: PageTermAnalyser | None = None


def register_page_term_analyser(analyser: PageTermAnalyser) -> None:
    """Make ``analyser`` the one every page's search terms come from (one per process)."""
    global _analyser
    _analyser = analyser


def page_term_analyser() -> PageTermAnalyser:
    """The registered analyser; :class:`ImproperlyConfigured` when no app registered one."""
    if _analyser is None:
        raise ImproperlyConfigured(
            "No page term analyser is registered: the search app registers one in its AppConfig.ready()."
        )
    return _analyser
