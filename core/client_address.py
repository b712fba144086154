"""The address of the client behind a request: the one fact throttling, abuse limits and the audit trail key on.

Without a configured proxy header it is the connection's address
(``REMOTE_ADDR``). Behind a reverse proxy, ``TRUSTED_PROXY_HEADER`` names the
header the proxy sets (``X-Forwarded-For``, ``X-Real-IP``...). A proxy appends
the address it saw to the right of a list, after whatever the client sent, so
only the entry ``TRUSTED_PROXY_COUNT`` places from the right was written by a
trusted proxy; the entries to its left are the client's to invent and are
never read.
"""

import ipaddress

from django.conf import settings


def meta_key(header):
    """``X-Forwarded-For`` -> ``HTTP_X_FORWARDED_FOR``; a ``request.META`` key is kept as it is."""
    key = header.strip().upper().replace("-", "_")
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


def _valid(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request):
    """The client's IP address as a string ("" when the request carries none)."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if header:
        entries = [entry.strip() for entry in request.META.get(meta_key(header), "").split(",") if entry.strip()]
        count = max(getattr(settings, "TRUSTED_PROXY_COUNT", 1), 1)
        if len(entries) >= count:
            address = _valid(entries[-count])
            if address:
                return address
    return _valid(remote) or remote


def is_loopback(address):
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
