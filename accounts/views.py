"""Sign-in with a second factor, its set-up page, and the rate-limited password reset.

Sign-in is in two steps for an enrolled user: the password form (Wagtail's,
guarded by django-axes) only remembers who passed it; the user is logged in
when a code from their authenticator app, or a recovery code, is accepted on
the next page. Nothing in between counts as signed in.
"""

import math
import time

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from wagtail.admin import messages
from wagtail.admin.views import account as wagtail_account

from accounts import audit, two_factor
from accounts.forms import AppCodeForm, CodeForm
from core.ratelimit import rate_limit

PENDING_KEY = "accounts_pending_sign_in"
#: Seconds between the password and the code before the password must be given again.
PENDING_LIFETIME = 300


class LoginView(wagtail_account.LoginView):
    """Wagtail's sign-in form; an enrolled user is sent on to the code page instead of being logged in."""

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.is_enrolled(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "remember": bool(form.cleaned_data.get("remember")),
            "next": self.get_success_url(),
            "since": int(time.time()),
        }
        return redirect("accounts_verify")


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_LIFETIME:
        return None, None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@sensitive_post_parameters("code")
@never_cache
def verify(request):
    """The second step of sign-in: a code for the user who just gave their password."""
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_KEY, None)
        messages.error(request, _("Please sign in again."))
        return redirect("wagtailadmin_login")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING_KEY]
            user.otp_device = device
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            request.session.set_expiry(settings.SESSION_COOKIE_AGE if pending["remember"] else 0)
            if two_factor.is_recovery_device(device):
                left = two_factor.recovery_codes_left(user)
                audit.record(user, "accounts.recovery_code_used", request=request, user=user)
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(left)d left. Make new ones on the two-factor page.")
                    % {"left": left},
                )
            next_url = pending["next"]
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                next_url = reverse("wagtailadmin_home")
            return redirect(next_url)
        audit.record(user, "accounts.two_factor_failed", request=request)
        form.add_error(
            "code",
            _("That code is not valid. Codes change every 30 seconds; after a wrong code, wait a moment."),
        )
        status = 400
    elif request.method == "POST":
        status = 400
    return TemplateResponse(request, "accounts/verify.html", {"form": form}, status=status)


@sensitive_post_parameters("code")
@never_cache
def two_factor_settings(request):
    """The set-up page: enrol an authenticator app, renew recovery codes, or turn two-factor sign-in off."""
    user = request.user
    required = two_factor.is_required(user)
    action = request.POST.get("action") if request.method == "POST" else None

    if not two_factor.is_enrolled(user):
        device = two_factor.pending_app_device(user)
        form = AppCodeForm(request.POST if action == "enrol" else None)
        if action == "enrol" and form.is_valid():
            codes = two_factor.confirm_app_device(user, device, form.cleaned_data["code"])
            if codes is not None:
                otp_login(request, device)
                audit.record(user, "accounts.two_factor_enabled", request=request, user=user)
                return _show_recovery_codes(request, codes, first_time=True)
            form.add_error("code", _("That code is not valid: check the time on your phone, then try the next code."))
        context = {
            "form": form,
            "required": required,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_typing(device),
        }
        return TemplateResponse(request, "accounts/enrol.html", context, status=400 if form.errors else 200)

    form = AppCodeForm(request.POST if action == "turn_off" else None)
    if action == "recovery_codes":
        codes = two_factor.new_recovery_codes(user)
        audit.record(user, "accounts.recovery_codes_renewed", request=request, user=user)
        return _show_recovery_codes(request, codes, first_time=False)
    if action == "turn_off" and not required and form.is_valid():
        if two_factor.verify(user, form.cleaned_data["code"]) is not None:
            two_factor.turn_off(user)
            audit.record(user, "accounts.two_factor_disabled", request=request, user=user)
            messages.success(request, _("Two-factor sign-in is off for your account."))
            return redirect("accounts_two_factor")
        form.add_error("code", _("That code is not valid."))
    context = {
        "form": form,
        "required": required,
        "recovery_codes_left": two_factor.recovery_codes_left(user),
    }
    return TemplateResponse(request, "accounts/two_factor.html", context, status=400 if form.errors else 200)


def _show_recovery_codes(request, codes, first_time):
    context = {"codes": codes, "first_time": first_time}
    return TemplateResponse(request, "accounts/recovery_codes.html", context)


def _password_resets_per_hour():
    return settings.PASSWORD_RESET_LIMIT_PER_HOUR


_limited_password_reset = rate_limit("password_reset", limit=_password_resets_per_hour, window=3600)(
    wagtail_account.PasswordResetView.as_view()
)
_password_reset_form = wagtail_account.PasswordResetView.as_view()


def password_reset(request, *args, **kwargs):
    """Wagtail's password reset form; each posted form may send a mail, so posts are limited per address."""
    view = _limited_password_reset if request.method == "POST" else _password_reset_form
    return view(request, *args, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a refused sign-in: HTTP 429, what happened, and how long to wait."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": max(math.ceil(seconds / 60), 1)}
    response = TemplateResponse(request, "accounts/locked_out.html", context, status=429).render()
    response["Retry-After"] = str(seconds)
    return response
