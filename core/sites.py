"""Which Wagtail site a request is for, kept in the shared cache.

Wagtail finds a request's site (`Site.find_for_request`) with a query of
every site matching the host, ordered by how well each matches: about
0.9 ms of building and running it on every request that serves a page or
links to one (`pageurl`, the language links, the userbar), for an answer
that changes only when a site (or its root page, or a locale) changes.

So the middleware keeps the answer per host and port in the shared cache:
when Wagtail looked the site up during a request (it keeps it on the request
as `request._wagtail_site`), the site is kept; the next request for that host
and port gets it from the cache, in the same place, and Wagtail does not look
again. The middleware itself never queries the database: a request that
needs no site (a file download, an API call) costs one cache read.

A kept site is stale as soon as any site, page or locale is saved or
deleted: each write replaces a generation token kept beside the sites and read with
them (`get_many`, one round trip), as the anonymous page cache does
(core/page_cache.py), but with a token of its own, so the many writes that change
pages' content but not sites (enrolments, sessions, bases) leave the sites
kept. `FRAGMENT_CACHE_ENABLED = False` turns it off with the kept
fragments. Placed after CommonMiddleware, which refuses a host not in
ALLOWED_HOSTS: made-up hosts cannot fill the cache."""

from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Locale, Page, Site

GENERATION_KEY = "sites:generation"
KEY_PREFIX = "sites:for-host:"
# Beyond the token, a day at most (a write that sent no signal).
TIMEOUT = 24 * 60 * 60
REQUEST_ATTRIBUTE = "_wagtail_site"  # where Site.find_for_request keeps it


def _key(request: HttpRequest) -> str:
    hostname = split_domain_port(request.get_host())[0]
    return f"{KEY_PREFIX}{hostname}:{request.get_port()}"


class KeptSiteMiddleware:
    """Gives a request its Wagtail site from the shared cache when it is
    there, and keeps the site Wagtail found when it is not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not getattr(settings, "FRAGMENT_CACHE_ENABLED", True):
            # Like the kept fragments of pages (core.page_cache): off for
            # tests that count the queries of building a page.
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation, entry = found.get(GENERATION_KEY), found.get(key)
        if generation is not None and entry is not None and entry[0] == generation:
            setattr(request, REQUEST_ATTRIBUTE, entry[1])
            return self.get_response(request)
        if generation is None:
            generation = _new_generation()
        response = self.get_response(request)
        if hasattr(request, REQUEST_ATTRIBUTE):
            # Kept under the token read before the site was found: if a
            # write replaced it meanwhile, this entry is never used.
            cache.set(key, (generation, getattr(request, REQUEST_ATTRIBUTE)), TIMEOUT)
        return response


def _new_generation() -> str:
    generation = uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation


def forget_sites() -> None:
    """Every kept site is stale from now on, and again when the current
    transaction commits (a site found from the old data meanwhile is kept
    under the old token)."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _on_write(sender, **kwargs) -> None:
    if not kwargs.get("raw") and issubclass(sender, (Site, Page, Locale)):
        forget_sites()


def connect() -> None:
    """From CoreConfig.ready, so every process that can write a site forgets
    the kept ones, whether or not it serves requests."""
    post_save.connect(_on_write, dispatch_uid="kept_sites_post_save")
    post_delete.connect(_on_write, dispatch_uid="kept_sites_post_delete")
