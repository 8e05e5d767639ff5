"""One client address for every rate limit, from the trusted-proxy setting."""

from django.test import RequestFactory, override_settings

from core.net import client_ip

CLIENT = "203.0.113.7"
PROXY = "10.0.0.2"
SPOOFED = "198.51.100.99"


def _request(**headers):
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored():
    request = _request(HTTP_X_FORWARDED_FOR=SPOOFED)
    assert client_ip(request) == PROXY


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_with_one_trusted_proxy_the_address_it_appended_is_the_client():
    request = _request(HTTP_X_FORWARDED_FOR=CLIENT)
    assert client_ip(request) == CLIENT


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_a_hop_the_client_wrote_itself_is_not_trusted():
    request = _request(HTTP_X_FORWARDED_FOR=f"{SPOOFED}, {CLIENT}")
    assert client_ip(request) == CLIENT


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_without_the_header_the_direct_peer_is_the_client():
    assert client_ip(_request()) == PROXY


def test_the_setting_feeds_allauth():
    from django.conf import settings

    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT
