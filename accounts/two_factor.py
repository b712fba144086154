"""Two-factor sign-in on django-otp: who needs it, their devices, enrolment and recovery codes.

Each enrolled user has one confirmed TOTP device (an authenticator app) and one
static device holding single-use recovery codes. A device being set up is
stored unconfirmed until its first correct code, so that reloading the set-up
page shows the same QR code.
"""

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_required(user):
    """Superusers and members of TWO_FACTOR_REQUIRED_GROUPS must sign in with a code when REQUIRE_2FA is on."""
    if not getattr(settings, "REQUIRE_2FA", False) or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()


def is_enrolled(user):
    return user_has_device(user, confirmed=True)


def pending_app_device(user):
    """The authenticator device being set up (created on first call, the same one until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def qr_code_svg(device):
    """The device's ``otpauth://`` URL as an inline SVG QR code: nothing leaves the server to draw it."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1f2328", light="#ffffff")


def secret_for_typing(device):
    """The shared secret in base32, in groups of four, for apps that cannot scan."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def confirm_app_device(user, device, code):
    """Confirm ``device`` if ``code`` is its current code; then the recovery codes, shown once. None if wrong."""
    if not device.verify_token(normalise(code)):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return new_recovery_codes(user)


def new_recovery_codes(user):
    """Replace the user's recovery codes with new ones and return them (they are not readable later)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(user, code):
    """The device that accepts ``code`` (an app code, or a recovery code, which is used up), else None."""
    code = normalise(code)
    if not code:
        return None
    return match_token(user, code)


def turn_off(user):
    """Remove every device of the user: the next sign-in asks for the password only (or a new enrolment)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def is_recovery_device(device):
    return isinstance(device, StaticDevice)


def normalise(code):
    return "".join((code or "").split()).lower()
