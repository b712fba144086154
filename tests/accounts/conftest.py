import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests import factories

PASSWORD = "correct horse battery staple"  # UserFactory's


def current_code(device, steps_ahead=0):
    """The code the user's authenticator app shows now (or ``steps_ahead`` periods later)."""
    return (
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead):0{device.digits}d}"
    )


@pytest.fixture
def staff_user(db):
    """An editor: admin access, two-factor sign-in optional."""
    user = factories.UserFactory(username="nadia", group="Editors")
    return user


@pytest.fixture
def moderator(db):
    user = factories.UserFactory(username="olga", group="Moderators")
    return user


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)


def enrol(user):
    """A confirmed authenticator app and recovery codes for ``user``, as the set-up page leaves them."""
    device = TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE_NAME, confirmed=True)
    codes = two_factor.new_recovery_codes(user)
    return device, codes
