from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in protection for staff: throttling, two-factor sign-in, idle timeout, audit trail."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import checks, signals  # noqa: F401  (checks registers itself)

        signals.connect()
