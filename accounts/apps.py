from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in protection for staff: throttling, two-factor sign-in, idle timeout, audit trail."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import checks, signals  # noqa: F401  (checks registers itself)

        signals.connect()

        from django.db.models.signals import post_migrate, post_save
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from accounts import page_access, translator_groups

        # Translator groups follow settings.LANGUAGES, as the locales do, and every new language tree.
        post_migrate.connect(translator_groups.create_translator_groups, sender=self)
        post_save.connect(translator_groups.grant_new_home_page, dispatch_uid="translator-groups-new-tree")
        # Before any admin view asks for the page policy: "view" on a tree lets translators find its pages.
        register_permission_policy(AbstractPage, page_access.PagePermissionPolicy("wagtailcore.Page"))
