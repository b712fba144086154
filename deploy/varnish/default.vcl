vcl 4.1;

# Varnish in front of Compatriots (scripts/serve starts it when installed;
# docs/performance.md). It keeps what the site marks as shareable
# (Cache-Control: public with s-maxage: the pages of core/page_cache.py and
# the static files) and nothing else; the site purges it on every change
# visitors would see (core/cache_purge.py, wagtail.contrib.frontend_cache).
#
# The backend's address is set by scripts/serve, which writes it into a copy
# of this file; 127.0.0.1:8001 by default.


backend default {
    .host = "127.0.0.1";
    .port = "8001";
    .first_byte_timeout = 60s;
}

# Purges come from the site itself, on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address"));
        }
        # A purge of an address drops it and every address under it: an
        # index's pages, month views, feeds and query strings. The site sends
        # the home page of each language, which drops the whole language.
        ban("req.url ~ ^" + regsuball(req.url, "[.?*+^$()\[\]{}|\\]", "\\\0"));
        return (synth(200, "Purged"));
    }

    # The admin, the API, sign-in and anything but reading: always the site.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|api|accounts)(/|$)" || req.url ~ "^/[a-z]{2}/(accounts|search)/") {
        return (pass);
    }

    # A signed-in editor or a visitor with a session (a page password,
    # pending messages): always the site, with their cookies.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }

    # "/" picks a language from the visitor's choice: the site sees it.
    if (req.url == "/" || req.url ~ "^/\?") {
        return (pass);
    }

    # Anyone else gets the same page: analytics and CSRF cookies are dropped
    # (a page with a form is never kept, and sets its own CSRF cookie again).
    unset req.http.Cookie;
    # Tracking parameters do not change a page: one copy for all of them.
    if (req.url ~ "[?&](utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    return (hash);
}

sub vcl_backend_response {
    # Keep only what the site says a shared cache may keep; everything else is
    # fetched every time (and the decision is remembered for two minutes, so
    # that requests for it do not queue behind each other).
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(public|s-maxage)"
        || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A short grace: after a kept page expires, the stale copy answers while a
    # fresh one is fetched. A purge removes it outright.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # Browsers ask again every time (max-age=0 in the site's header): a purge
    # reaches visitors at once.
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
