"""A full-page cache for anonymous visitors, in the shared cache.

A public page (course catalogue, course, lesson, help…) is the same for every
anonymous visitor who reads it in the same language with the same display
settings, so the first such visitor's page is kept and the next ones get it
without the page being built again: one cache round trip instead of tens of
queries.

What is kept, and for whom:

- only GET (HEAD is answered from the GET entry) of a page that opted in:
  a Wagtail page type with ``anonymous_page_cache = True`` (see
  `mark_page`, a ``before_serve_page`` hook) or a view that calls
  `allow_page_cache`;
- only when the request carries neither a session cookie nor a messages
  cookie, decided from the cookies before the session is ever read: anyone
  signed in (or with a message waiting) is served fresh, and their page is
  never kept;
- only a 200 that set no cookie, used no CSRF token (a form that posts) and
  is not ``private`` or ``no-store``: nothing personal can be kept.

The key is the host, the full path with its query, the language and the
normalised value of every cookie registered with `vary_on_cookie` (the
display settings, the lesson version chosen), so two visitors who would see
different pages never share one.

Invalidation: one generation token for the whole cache, stored beside the
pages and read with them (`get_many`, one round trip). Any write that could
show on a public page replaces the token — every Wagtail page save, move,
publish or delete, and the models each app registers with `invalidate_on` in
its ``AppConfig.ready`` (sessions shown on a course page, training bases,
images, documents, redirects…) — so the next visit builds the page afresh.
A short timeout (``PAGE_CACHE_TIMEOUT``, five minutes) bounds anything that
depends on the date or was written without a signal (a queryset ``update``).
``PAGE_CACHE_ENABLED = False`` turns the page cache off and
``FRAGMENT_CACHE_ENABLED = False`` the kept fragments (`cached_fragment`):
tests that count the queries of building a page.

Core imports no app: apps register their cookies and models here.
"""

from collections.abc import Callable
from functools import partial
from hashlib import sha256
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request

GENERATION_KEY = "page-cache:generation"
KEY_PREFIX = "page-cache:page:"
DEFAULT_TIMEOUT = 5 * 60
MESSAGES_COOKIE = "messages"
REQUEST_FLAG = "_page_cache_allowed"
# Response headers never kept (the outer middleware adds the security headers
# again on every response, hit or miss).
SKIPPED_HEADERS = frozenset({"set-cookie", "content-length"})

_vary_cookies: dict[str, Callable[[str | None], str]] = {}
_invalidating_labels: set[str] = set()
_invalidating_bases: list[type] = []


# Registries -------------------------------------------------------------------


def vary_on_cookie(name: str, normalise: Callable[[str | None], str]) -> None:
    """Pages differ by this cookie: `normalise` maps its raw value (or None)
    to what the page depends on, so tampered or equivalent values share one
    entry."""
    _vary_cookies[name] = normalise


def invalidate_on(*models: str | type) -> None:
    """A write to any of these models (a label such as "training.Enrolment" or
    a model class, subclasses included) may change a public page."""
    for model in models:
        if isinstance(model, str):
            _invalidating_labels.add(model.lower())
        else:
            _invalidating_bases.append(model)


def _invalidates(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return False
    if meta.label_lower in _invalidating_labels:
        return True
    return any(issubclass(sender, base) for base in _invalidating_bases)


def invalidate(token: str = GENERATION_KEY) -> None:
    """Every kept page is stale from now on (and again when the current
    transaction commits, so a page built from the old data meanwhile is
    not kept under the new token). With another `token`: everything kept
    under that token (`cached_fragment`)."""
    _new_generation(token)
    transaction.on_commit(partial(_new_generation, token))


def invalidate_token_on(token: str, *models: type) -> None:
    """Every save or delete of these models (fixtures loaded raw aside)
    makes everything kept under `token` stale: for kept fragments with a
    token of their own (`cached_fragment`), from an AppConfig.ready."""

    def _forget(sender, **kwargs) -> None:
        if not kwargs.get("raw"):
            invalidate(token)

    for model in models:
        uid = f"{token}:{model._meta.label_lower}"
        post_save.connect(_forget, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(_forget, sender=model, weak=False, dispatch_uid=uid)


def _new_generation(token: str = GENERATION_KEY) -> str:
    generation = uuid4().hex
    cache.set(token, generation, None)
    return generation


def _on_write(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    if _invalidates(sender):
        invalidate()


def _on_m2m(sender, action: str, instance, **kwargs) -> None:
    if action.startswith("post_") and (
        _invalidates(type(instance)) or _invalidates(kwargs.get("model"))
    ):
        invalidate()


post_save.connect(_on_write, dispatch_uid="page_cache_post_save")
post_delete.connect(_on_write, dispatch_uid="page_cache_post_delete")
m2m_changed.connect(_on_m2m, dispatch_uid="page_cache_m2m")


# Opting in ---------------------------------------------------------------------


def allow_page_cache(request: HttpRequest) -> None:
    """This view's response may be kept for anonymous visitors (the rules in
    the module docstring still apply)."""
    setattr(request, REQUEST_FLAG, True)


def mark_page(page, request: HttpRequest, *args, **kwargs) -> None:
    """Wagtail's ``before_serve_page`` hook: pages whose type says
    ``anonymous_page_cache = True`` opt in."""
    if getattr(page, "anonymous_page_cache", False):
        allow_page_cache(request)


# Fragments -------------------------------------------------------------------

FRAGMENT_PREFIX = "page-cache:fragment:"


def cached_fragment(
    key: str,
    build: Callable[[], object],
    timeout: int | None = None,
    *,
    token: str = GENERATION_KEY,
):
    """A part of a page that is the same for everyone who gets it (the
    rendered body of a lesson version, say), kept under `key` until the next
    change that could show on a public page, like the kept pages: one cache
    round trip when it is there, `build()` otherwise. Whatever makes the part
    differ (revision, language, version) belongs in `key`.

    Something that changes with other writes than public pages do keeps
    its own generation `token` (a cache key), made stale by
    `invalidate(token)` from the writes that change it."""
    if not getattr(settings, "FRAGMENT_CACHE_ENABLED", True):
        return build()
    full_key = FRAGMENT_PREFIX + sha256(f"{token}\n{key}".encode()).hexdigest()
    found = cache.get_many([token, full_key])
    generation = found.get(token)
    entry = found.get(full_key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    if generation is None:
        # Before building: a write meanwhile replaces this token, and the
        # part built from the old data is never used.
        generation = _new_generation(token)
    value = build()
    cache.set(full_key, (generation, value), timeout or _fragment_timeout())
    return value


def _fragment_timeout() -> int:
    return getattr(settings, "FRAGMENT_CACHE_TIMEOUT", 24 * 60 * 60)


# The middleware --------------------------------------------------------------


def _timeout() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", DEFAULT_TIMEOUT)


def _anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in (
        cookies
    )


def page_key(request: HttpRequest, language: str) -> str:
    parts = [
        request.get_host(),
        request.get_full_path(),
        language,
        *(
            f"{name}={normalise(request.COOKIES.get(name))}"
            for name, normalise in sorted(_vary_cookies.items())
        ),
    ]
    digest = sha256("\n".join(parts).encode()).hexdigest()
    return KEY_PREFIX + digest


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    if not getattr(request, REQUEST_FLAG, False):
        return False
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control:
        return False
    # A person signed in on this request (or any session written) would have
    # set a cookie; the session is checked anyway, in case.
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    user = getattr(request, "user", None)
    return not getattr(user, "is_authenticated", False)


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors a kept page when there is one, and keeps the
    pages that may be kept. Placed early (after whitenoise), so a hit skips
    sessions, locale, CSRF, authentication and the page itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if (
            request.method not in ("GET", "HEAD")
            or not _anonymous(request)
            or not getattr(settings, "PAGE_CACHE_ENABLED", True)
        ):
            return self.get_response(request)
        language = get_language_from_request(request, check_path=True)
        key = page_key(request, language)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if generation is not None and entry is not None and entry[0] == generation:
            return self._rebuild(entry[1])

        response = self.get_response(request)
        if (
            request.method == "GET"
            and getattr(request, "LANGUAGE_CODE", language) == language
            and _keepable(request, response)
        ):
            patch_vary_headers(response, ["Cookie"])
            if generation is None:
                generation = _new_generation()
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in SKIPPED_HEADERS
            ]
            cache.set(
                key,
                (generation, (response.content, headers)),
                _timeout(),
            )
        return response

    @staticmethod
    def _rebuild(kept) -> HttpResponse:
        # The body goes with a HEAD too, as with any Django view: the server
        # drops it.
        content, headers = kept
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
