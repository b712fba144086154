"""Two-factor sign-in as a user's authenticator app would do it."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor


def current_code(device, steps_ahead=0):
    """The code the user's authenticator app shows now (or ``steps_ahead`` periods later)."""
    return (
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead):0{device.digits}d}"
    )


def enrol(user):
    """A confirmed authenticator app and recovery codes for ``user``, as the set-up page leaves them."""
    device = TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE_NAME, confirmed=True)
    codes = two_factor.new_recovery_codes(user)
    return device, codes
