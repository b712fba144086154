"""System checks for settings that would silently weaken sign-in protection."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def proxy_address_check(app_configs, **kwargs):
    """Behind a TLS proxy with no trusted address header, every client has the proxy's address:
    one client's failures would lock out everyone, and loopback proxies would escape the abuse limits."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not getattr(settings, "TRUSTED_PROXY_HEADER", ""):
        return [
            Warning(
                "The site runs behind a proxy (BEHIND_TLS_PROXY) but TRUSTED_PROXY_HEADER is not set.",
                hint="Set TRUSTED_PROXY_HEADER to the header your proxy writes the client address to, "
                "e.g. X-Forwarded-For (see docs/security.md).",
                id="accounts.W001",
            )
        ]
    return []


@register(deploy=True)
def two_factor_check(app_configs, **kwargs):
    if not getattr(settings, "REQUIRE_2FA", False):
        return [
            Warning(
                "Two-factor sign-in is not required of superusers and moderators (REQUIRE_2FA is off).",
                hint="Leave REQUIRE_2FA on in production (see docs/security.md).",
                id="accounts.W002",
            )
        ]
    return []
