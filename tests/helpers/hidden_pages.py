"""Hidden pages of every kind beside a public one, each named by a word no other text holds.

The surfaces that read pages as rows (sitemap, feeds, iCalendar, the month
view, the directory, search, the API) must leave out every page a visitor may
not see (:mod:`core.visibility`). :func:`make_hidden_pages` makes one page per
way of being hidden, under the parent the surface lists, so that a test can
assert that none of the words shows in the surface's answer. The same
surfaces' query parameters are tried with :func:`bad_queries`.
"""

import datetime
from urllib.parse import quote

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from localisation.translation import translate_page
from tests import factories

#: The ways a page is hidden, each the last part of its secret word.
HIDDEN_KINDS = (
    "draft",  # never published
    "unpublished",  # published, then unpublished
    "login",  # view restriction: signed-in users
    "password",  # view restriction: a password
    "groups",  # view restriction: members of a group
    "expired",  # live, its expire_at past (before publish_scheduled runs)
    "childofprivate",  # live, under a login-restricted parent
    "childofdraft",  # live, under a parent that is not live
    "othersite",  # live, under the root of another Site
)


def restrict(page, kind):
    """A view restriction of ``kind`` ("login", "password" or "groups") on ``page``."""
    if kind == "password":
        return PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    if kind == "groups":
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(Group.objects.get(name="Moderators"))
        return restriction
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def other_site_root(hostname="other.example"):
    """The root page of a second Site (made once per test)."""
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    if site is None:
        root = factories.HomePageFactory(parent=Page.get_first_root_node(), title="Other network", slug="other-site")
        site = Site.objects.create(hostname=hostname, root_page=root, is_default_site=False)
    return site.root_page.specific


def make_hidden_pages(parent, factory, prefix, *, kinds=HIDDEN_KINDS, other_parent=None, **fields):
    """``{kind: page}``: a page made by ``factory`` under ``parent`` for each hidden kind, titled ``"<prefix><kind>"``.

    The child kinds get a container of ``parent``'s own type beside it (so that
    a listing of such containers would list them too); ``other_parent`` is
    where the other site's page goes (default: that site's root).
    """
    pages = {}

    def make(kind, under=None, **extra):
        word = f"{prefix}{kind}"
        pages[kind] = factory(parent=under or parent, title=word.title(), slug=word, **{**fields, **extra})
        return pages[kind]

    for kind in kinds:
        if kind == "draft":
            make(kind, live=False)
        elif kind == "unpublished":
            make(kind).unpublish()
        elif kind in ("login", "password", "groups"):
            restrict(make(kind), kind)
        elif kind == "expired":
            make(kind, expire_at=timezone.now() - datetime.timedelta(hours=1))
        elif kind in ("childofprivate", "childofdraft"):
            container = factories.StandardPageFactory(
                parent=parent, title=f"{prefix}{kind}box".title(), live=kind != "childofdraft"
            )
            if kind == "childofprivate":
                restrict(container, "login")
            make(kind, under=container)
        elif kind == "othersite":
            make(kind, under=other_parent or other_site_root())
    for page in pages.values():
        page.refresh_from_db()
    return pages


def draft_translation(page, language_code, word, publish=False):
    """A translation of ``page`` titled ``word`` (a draft unless ``publish``); the parents must be translated."""
    return translate_page(page, language_code, {"title": word.title(), "slug": word}, publish=publish)


def words(pages):
    """The secret words of ``pages`` (lower case, as searched in a response's lowered text)."""
    return [page.slug for page in pages]


def shown(text, pages):
    """The secret words of ``pages`` that ``text`` holds."""
    text = text.lower()
    return [word for word in words(pages) if word in text]


#: Values each query parameter is tried with: unknown, huge, negative, not a number, other scripts, NUL.
BAD_VALUES = [
    "",
    "0",
    "-1",
    "abc",
    "1.5",
    "9" * 30,
    "9" * 5000,
    "\x00",
    "1\x00",
    "é",
    "\U0001d7d9",  # a digit of another script
    "١٢",
    " 1",
    "1e3",
    "2027-02-30",
    "0000-00",
    "-2027-01",
]


def bad_queries(name):
    """Query strings giving ``name`` each bad value, repeated, and as bytes that are no UTF-8."""
    queries = [f"{name}={quote(value)}" for value in BAD_VALUES]
    queries += [f"{name}={quote(value)}&{name}=1" for value in BAD_VALUES[:6]]
    return [*queries, f"{name}=%FF", f"{name}=%ED%A0%80", f"{name}"]
