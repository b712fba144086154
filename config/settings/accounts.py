"""Sign-in protection, staff sessions, abuse limits and the audit trail.

Imported at the end of ``base.py``; every value comes from the environment.
docs/security.md says what each measure answers and how to configure it.
"""

import os
from datetime import timedelta


def _flag(name, default):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value not in {"0", "off", "false", "no"}


def _number(name, default):
    return int(os.environ.get(name, default))


# Client address. Behind a reverse proxy every request comes from the proxy's
# address, so the real client's is read from the header the proxy sets, and
# from nowhere else: TRUSTED_PROXY_HEADER names it (e.g. X-Forwarded-For), and
# of a list of addresses the one TRUSTED_PROXY_COUNT places from the right is
# taken (the one the nearest trusted proxy wrote; the left ones a client can
# forge). Unset, the address is the connection's (REMOTE_ADDR).
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "").strip()
TRUSTED_PROXY_COUNT = _number("TRUSTED_PROXY_COUNT", "1")

# Password guessing (django-axes): after AXES_FAILURE_LIMIT failures for one
# account, or from one address, sign-in is refused (HTTP 429, even with the
# right password) until AXES_COOLOFF_MINUTES pass without another try. A
# successful sign-in clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = _flag("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = _number("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=_number("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The attempts are read in Wagtail's admin (Settings > Sign-in attempts).
AXES_ENABLE_ADMIN = False

# Two-factor sign-in (django-otp): a code from an authenticator app (TOTP) or
# a recovery code after the password. REQUIRE_2FA makes it compulsory for
# superusers and the TWO_FACTOR_REQUIRED_GROUPS; others may turn it on.
# Production settings turn REQUIRE_2FA on unless it is set to off.
REQUIRE_2FA = _flag("REQUIRE_2FA", False)
TWO_FACTOR_REQUIRED_GROUPS = [
    name.strip() for name in os.environ.get("TWO_FACTOR_REQUIRED_GROUPS", "Moderators").split(",") if name.strip()
]
# Private pages ask visitors to sign in through the same two-step form.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Compatriots")
TWO_FACTOR_RECOVERY_CODES = 10

# A signed-in staff member's session ends after this many seconds without a
# request (0: never, until the browser closes or the cookie expires).
SESSION_IDLE_TIMEOUT = _number("SESSION_IDLE_TIMEOUT", "3600")

# Abuse limits for public endpoints (core/ratelimit.py): requests per client
# address per minute to the search API, suggestions, the search page and any
# form posted by a visitor who is not signed in; 0 turns them off. Loopback
# clients (benchmarks, health checks on the machine itself) are not limited
# unless RATE_LIMIT_LOOPBACK is on. Counters live in the cache: with several
# worker processes, set REDIS_URL so that they share one.
RATE_LIMIT_PER_MINUTE = _number("RATE_LIMIT_PER_MINUTE", "60")
RATE_LIMIT_LOOPBACK = _flag("RATE_LIMIT_LOOPBACK", False)
# Password reset mails per client address per hour.
PASSWORD_RESET_LIMIT_PER_HOUR = _number("PASSWORD_RESET_LIMIT_PER_HOUR", "5")
