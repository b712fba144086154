"""Translator groups: one for every translated language, beside the Translators group for all of them.

A member of "Translators (fr)" translates into French: they may edit and
publish pages of the French tree, submit pages for translation, and are the
people told about French translation work. Members of "Translators" work in
every translated language. Every translator group may read the source pages
(the default language's tree) without changing them: the explorer and the
admin search show them (:class:`accounts.page_access.PagePermissionPolicy`),
which is where a translator finds a page to translate.

The groups follow ``settings.LANGUAGES`` as the locales do: created after
every ``migrate``, and granted each new language's home page when it appears.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import GroupPagePermission, Page

from core.languages import language_codes

#: The group of translators into every translated language (home/migrations/0003).
TRANSLATORS = "Translators"

#: What every translator group may do anywhere in the admin.
GLOBAL_PERMISSIONS = (("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation"))
#: What a translator group may do in its own language's tree.
TRANSLATION_TREE_PERMISSIONS = ("change_page", "publish_page")
#: What every translator group may do in the source (default language's) tree.
SOURCE_TREE_PERMISSIONS = ("view_page",)


def language_group_name(language_code):
    return f"{TRANSLATORS} ({language_code})"


def translated_languages():
    """The content languages other than the default (source) language, in settings order."""
    return [code for code in language_codes() if code != settings.LANGUAGE_CODE]


def translators_of(language_code):
    """Active users who translate into ``language_code``."""
    names = [TRANSLATORS, language_group_name(language_code)]
    return get_user_model().objects.filter(is_active=True, groups__name__in=names).distinct()


def languages_of(user):
    """The language codes ``user`` translates into, in settings order (empty for non-translators)."""
    names = set(user.groups.values_list("name", flat=True))
    if TRANSLATORS in names:
        return translated_languages()
    return [code for code in translated_languages() if language_group_name(code) in names]


def is_translator(user):
    return bool(languages_of(user))


def _page_permissions(codenames):
    """The page permissions of ``codenames``, created when missing: on a fresh database this runs
    after ``migrate`` but may come before Django creates the page model's permissions."""
    content_type = ContentType.objects.get_for_model(Page, for_concrete_model=False)
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
        )[0]
        for codename in codenames
    ]


def grant_tree(groups, home_page):
    """Give ``groups`` their rights on the tree of ``home_page`` (a language's home page)."""
    if home_page.locale.language_code == settings.LANGUAGE_CODE:
        codenames, receivers = SOURCE_TREE_PERMISSIONS, groups
    else:
        codenames = TRANSLATION_TREE_PERMISSIONS
        own = language_group_name(home_page.locale.language_code)
        receivers = [group for group in groups if group.name in (TRANSLATORS, own)]
    for permission in _page_permissions(codenames):
        for group in receivers:
            GroupPagePermission.objects.get_or_create(group=group, page=home_page, permission=permission)


def translator_groups():
    names = [TRANSLATORS, *(language_group_name(code) for code in translated_languages())]
    return list(Group.objects.filter(name__in=names))


def create_translator_groups(using="default", **kwargs):
    """``post_migrate`` receiver: a group per translated language, with its rights on the existing trees.

    The Translators group itself is created by a migration; if an
    administrator removed it, it is not brought back.
    """
    global_permissions = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label="wagtail_localize", codename="submit_translation")
    )
    for code in translated_languages():
        group, created = Group.objects.get_or_create(name=language_group_name(code))
        if created:
            group.permissions.add(*global_permissions)
    groups = translator_groups()
    for home_page in Page.objects.filter(depth=2).select_related("locale"):
        grant_tree(groups, home_page)


def grant_new_home_page(sender, instance, created, raw=False, **kwargs):
    """``post_save`` receiver: a new language tree (a page under the root) opens to its translators."""
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    grant_tree(translator_groups(), instance)
