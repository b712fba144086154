"""Keep the Translators group's rights in step with the translation trees.

Translators may edit and publish translations, never the source pages. Each
language's pages live under that language's home page (a child of the root), so
the group holds its page permissions on those home pages only; when a new
language's home page is created (by wagtail-localize, the demo loader or the
importer) the group gets the same rights on it.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change
from wagtail.models import GroupPagePermission

TRANSLATORS = "Translators"
TRANSLATOR_PAGE_PERMISSIONS = ("change_page", "publish_page")


def is_translation_root(page):
    return page.depth == 2 and page.locale.language_code != settings.LANGUAGE_CODE


def grant_translators_translation_root(sender, instance, created, raw=False, **kwargs):
    """``post_save`` receiver for home pages: open a new translated tree to Translators."""
    if raw or not created or not is_translation_root(instance):
        return
    translators = Group.objects.filter(name=TRANSLATORS).first()
    if translators is None:  # removed by an administrator: nothing to keep in step
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TRANSLATOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=translators, page=instance, permission=permission)


def redirect_published_page_on_slug_change(instance_before, instance, **kwargs):
    """``page_slug_changed`` receiver: Wagtail's redirect of the old URL, for pages once published.

    Connected in place of Wagtail's own by :mod:`home.redirects`.
    """
    if instance_before.first_published_at is None:
        return
    autocreate_redirects_on_slug_change(instance_before=instance_before, instance=instance, **kwargs)
