"""The client's address and simple per-address rate limits."""

from django.core.cache import cache
from django.http import HttpRequest


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
