"""Request-wide pieces of account security: audit address, staff idle timeout, two-factor enforcement."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from accounts import audit, two_factor

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
LAST_SEEN_KEY = "accounts_last_seen"
#: The session is written at most this often to keep the idle clock, not on every request.
LAST_SEEN_RESOLUTION = 60


def is_staff_user(user):
    return user.is_authenticated and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class AuditAddressMiddleware:
    """Keeps the client address at hand for audit entries written by signal receivers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        audit.remember_address(request)
        try:
            return self.get_response(request)
        finally:
            audit.forget_address()


class SessionIdleTimeoutMiddleware:
    """Signs a staff member out after SESSION_IDLE_TIMEOUT seconds without a request.

    An unattended signed-in browser (a shared office computer, a stolen laptop)
    is an open door to the admin; visitors' sessions are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = getattr(settings, "SESSION_IDLE_TIMEOUT", 0)
        # Without a session cookie nobody is signed in: the session is not read (nor Vary: Cookie added).
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if timeout and has_session and is_staff_user(request.user):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > timeout:
                logout(request)
                messages.info(request, _("You were signed out after a period without activity."))
                if request.path.startswith(ADMIN_PREFIXES):
                    return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


#: Admin URLs a user who must still set up two-factor sign-in may reach.
ENROLMENT_URL_NAMES = {
    "accounts_two_factor",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_icons",
}


class TwoFactorMiddleware:
    """Keeps the admin for users who passed the second factor, or who are not asked for one.

    Sign-in itself asks an enrolled user for a code before logging them in
    (accounts.views.LoginView), so a session that is signed in but not
    verified here comes from elsewhere (another sign-in form, or a session
    from before its user set up a device): it is signed out. A user who must
    use two-factor sign-in and has not set it up may only reach its set-up page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:  # nobody is signed in
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_verified():
            if two_factor.is_enrolled(user):
                # Anywhere, not only in the admin: a password-only session must not read private pages either.
                logout(request)
                return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            if (
                request.path.startswith(ADMIN_PREFIXES)
                and two_factor.is_required(user)
                and self.url_name(request) not in ENROLMENT_URL_NAMES
            ):
                messages.warning(request, _("Set up two-factor sign-in to use the admin."))
                return redirect("accounts_two_factor")
        return self.get_response(request)

    @staticmethod
    def url_name(request):
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None
