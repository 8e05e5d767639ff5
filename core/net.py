"""The site's own address, the client's address and simple per-address
rate limits."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def absolute_url(path: str, *, admin: bool = False) -> str:
    """``path`` on this site as a full URL, from the SITE_URL setting: the
    one place every absolute link we print or send is made (certificates,
    credentials, calendar feeds, mail), so none of them names the host a
    request happened to come in on. ``admin``: a Wagtail admin page, on
    WAGTAILADMIN_BASE_URL (the same address unless set apart). A URL that
    is already absolute is returned as it is."""
    if urlsplit(path).scheme:
        return path
    base = settings.WAGTAILADMIN_BASE_URL if admin else settings.SITE_URL
    return base.rstrip("/") + "/" + path.lstrip("/")


def site_host() -> str:
    """The site's host name (no scheme, no port), from SITE_URL."""
    return urlsplit(settings.SITE_URL).hostname or ""


def client_ip(request: HttpRequest) -> str:
    """The address every rate limit keys on: allauth's resolution, so our own
    limits and allauth's sign-in limits agree on who the client is."""
    from allauth.account.adapter import get_adapter

    return get_adapter().get_client_ip(request)


def rate_count(key: str, *, window_seconds: int) -> int:
    """Adds one to a counter in the shared cache that lasts ``window_seconds``
    from its first hit, and returns the new count."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        return 1


def rate_current(key: str) -> int:
    return cache.get(key, 0)
