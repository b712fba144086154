"""Abuse limits: the search API, suggestions, the search page and anonymous forms answer 429 past the limit."""

from http import HTTPStatus

import pytest
from django.test import override_settings

from core.client_address import client_address

pytestmark = pytest.mark.django_db

LIMIT = 3
VISITOR = "203.0.113.20"


@pytest.fixture
def limited(settings):
    settings.RATE_LIMIT_PER_MINUTE = LIMIT


@pytest.mark.parametrize("url", ["/api/search/?q=pushkin", "/api/search/suggest/?q=push"])
def test_the_search_api_and_suggestions_answer_429_in_json_past_the_limit(client, limited, home_page, url):
    answers = [client.get(url, REMOTE_ADDR=VISITOR) for _ in range(LIMIT + 1)]

    assert [answer.status_code for answer in answers[:LIMIT]] == [HTTPStatus.OK] * LIMIT
    refused = answers[-1]
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["error"].startswith("Too many requests")
    assert client.get(url, REMOTE_ADDR="203.0.113.21").status_code == HTTPStatus.OK


def test_the_search_page_answers_429_with_a_page(client, limited, home_page):
    for _ in range(LIMIT):
        assert client.get("/en/search/?q=pushkin", REMOTE_ADDR=VISITOR).status_code == HTTPStatus.OK

    refused = client.get("/en/search/?q=pushkin", REMOTE_ADDR=VISITOR)

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Content-Type"].startswith("text/html")
    assert b"Too many requests" in refused.content
    assert "Retry-After" in refused


def test_loopback_clients_are_not_limited_unless_asked(client, limited, home_page, settings):
    for _ in range(LIMIT + 2):
        assert client.get("/api/search/?q=pushkin", REMOTE_ADDR="127.0.0.1").status_code == HTTPStatus.OK
        assert client.get("/api/search/?q=pushkin", REMOTE_ADDR="::1").status_code == HTTPStatus.OK

    settings.RATE_LIMIT_LOOPBACK = True
    answers = [client.get("/api/search/?q=pushkin", REMOTE_ADDR="127.0.0.1") for _ in range(LIMIT + 1)]
    assert answers[-1].status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_zero_turns_the_limits_off(client, settings, home_page):
    settings.RATE_LIMIT_PER_MINUTE = 0

    for _ in range(5):
        assert client.get("/api/search/?q=pushkin", REMOTE_ADDR=VISITOR).status_code == HTTPStatus.OK


def test_forms_posted_by_visitors_are_limited_and_signed_in_staff_are_not(client, limited, staff_user):
    answers = [
        client.post("/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR=VISITOR) for _ in range(LIMIT + 1)
    ]
    assert answers[-1].status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert b"Too many requests" in answers[-1].content

    client.force_login(staff_user)
    for _ in range(LIMIT + 1):
        response = client.post("/admin/account/two-factor/", {"action": "enrol", "code": "1"}, REMOTE_ADDR=VISITOR)
        assert response.status_code != HTTPStatus.TOO_MANY_REQUESTS


class FakeRequest:
    def __init__(self, **meta):
        self.META = meta


@pytest.mark.parametrize(
    ("header", "count", "meta", "expected"),
    [
        ("", 1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.2"),
        ("X-Forwarded-For", 1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8"}, "5.6.7.8"),
        ("X-Forwarded-For", 2, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8"}, "1.2.3.4"),
        ("X-Real-IP", 1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        ("X-Forwarded-For", 1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.2"),
        ("X-Forwarded-For", 1, {"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),
    ],
)
def test_the_client_address_comes_from_the_configured_header_only(header, count, meta, expected):
    with override_settings(TRUSTED_PROXY_HEADER=header, TRUSTED_PROXY_COUNT=count):
        assert client_address(FakeRequest(**meta)) == expected


def test_check_deploy_warns_behind_a_proxy_without_the_address_header(settings):
    from accounts.checks import proxy_address_check, two_factor_check

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_HEADER = ""
    assert [warning.id for warning in proxy_address_check(None)] == ["accounts.W001"]
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    assert proxy_address_check(None) == []

    settings.REQUIRE_2FA = False
    assert [warning.id for warning in two_factor_check(None)] == ["accounts.W002"]
    settings.REQUIRE_2FA = True
    assert two_factor_check(None) == []
