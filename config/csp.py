"""Content-Security-Policy (django-csp): what pages may load and run.

The site's own pages load scripts, styles, fonts and images from the site
only, with no inline script or style: an injected ``<script>`` or ``style``
attribute is refused by the browser. Two exceptions, each as narrow as the
policy allows, are made here.
"""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

_STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def inline_style_hashes(template_path):
    """``'sha256-…'`` sources for the ``<style>`` elements of a static template.

    The server error page (templates/500.html) carries its styles inline, so
    that it looks right even when the static files are what failed; its hash
    lets exactly that style through and no other.
    """
    text = template_path.read_text(encoding="utf-8")
    return [
        "'sha256-{}'".format(base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii"))
        for style in _STYLE_ELEMENT.findall(text)
    ]


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``CSP_ADMIN_UPDATE`` added to the policy
    of the admin's pages (under ``/admin/``) only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(settings.CSP_ADMIN_PREFIX):
            update = dict(parts.update or {})
            for directive, sources in settings.CSP_ADMIN_UPDATE.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts = PolicyParts(parts.config, update, parts.replace, parts.nonce)
        return parts
