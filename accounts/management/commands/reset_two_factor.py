"""``manage.py reset_two_factor USERNAME``: remove a user's two-factor devices (a lost phone and no recovery code)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import audit, two_factor


class Command(BaseCommand):
    help = "Remove a user's authenticator app and recovery codes; they set it up again at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not two_factor.is_enrolled(user):
            self.stdout.write(f"{username} has no two-factor device.")
            return
        two_factor.turn_off(user)
        audit.record(user, "accounts.two_factor_disabled", by="manage.py reset_two_factor")
        self.stdout.write(self.style.SUCCESS(f"Two-factor sign-in reset for {username}."))
