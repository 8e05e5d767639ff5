"""Which Wagtail site a request is for, kept in the shared cache.

Wagtail finds a request's site (`Site.find_for_request`) with a query of
every site matching the host, ordered by how well each matches: about
0.9 ms of building and running it on every request that serves a page or
links to one (`pageurl`, the userbar), for an answer that changes only when
a site (or its root page, or a locale) changes.

Wagtail has no setting or hook for how a site is found, so `install()` (from
CoreConfig.ready) wraps `Site.find_for_request`: same arguments, same
answer, and the same place for it on the request (`request._wagtail_site`),
but the answer for a host and port comes from the shared cache once it has
been looked up. Only a request that asks for its site reads the cache: a
view that never needs one (a download, an API call, a page without links to
pages) costs nothing more.

A kept site is stale as soon as any site, page or locale is saved or
deleted: it is a kept fragment (core.page_cache.cached_fragment, read with
its generation token in one round trip) with a token of its own, which each
of those writes replaces, so the many writes that change what pages show
but not sites (enrolments, sessions, bases) leave the sites kept. A host
that is not in ALLOWED_HOSTS is looked up as Wagtail does and never kept,
so made-up hosts cannot fill the cache. `FRAGMENT_CACHE_ENABLED = False`
turns keeping off, with the kept fragments of pages (tests that count the
queries of building a page)."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Locale, Page, Site

from core.page_cache import cached_fragment, invalidate

# The kept sites' own generation token (core.page_cache.cached_fragment).
GENERATION_KEY = "sites:generation"
# Beyond the token, a day at most (a write that sent no signal).
TIMEOUT = 24 * 60 * 60
REQUEST_ATTRIBUTE = "_wagtail_site"  # where Site.find_for_request keeps it


def kept_site(request: HttpRequest) -> Site | None:
    """The site Wagtail finds for the request's host and port, from the
    shared cache when it was found before and no site, page or locale has
    changed since."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return Site._find_for_request(request)
    # The version names what is kept (a site with its root page in its own
    # type): a release that keeps something else changes it.
    return cached_fragment(
        f"v2:{split_domain_port(host)[0]}:{request.get_port()}",
        lambda: _with_specific_root(Site._find_for_request(request)),
        TIMEOUT,
        token=GENERATION_KEY,
    )


def _with_specific_root(site: Site | None) -> Site | None:
    """The site with its root page in its own type (the home page): serving
    any page asks for `site.root_page.localized.specific`, a query each
    time for a plain page, none for a kept specific one in the site's own
    language (in the other, `localized` looks up the translation)."""
    if site is not None:
        site.root_page = site.root_page.specific
    return site


def find_for_request(request: HttpRequest | None) -> Site | None:
    """`Site.find_for_request`, with the lookup kept (kept_site)."""
    if request is None:
        return None
    if not hasattr(request, REQUEST_ATTRIBUTE):
        if getattr(settings, "FRAGMENT_CACHE_ENABLED", True):
            site = kept_site(request)
        else:
            site = Site._find_for_request(request)
        setattr(request, REQUEST_ATTRIBUTE, site)
    return getattr(request, REQUEST_ATTRIBUTE)


def _on_write(sender, **kwargs) -> None:
    if not kwargs.get("raw") and issubclass(sender, (Site, Page, Locale)):
        invalidate(GENERATION_KEY)


def install() -> None:
    """From CoreConfig.ready: Wagtail finds sites through the cache, and
    every process that can write a site, page or locale (web or command)
    makes the kept sites stale."""
    Site.find_for_request = staticmethod(find_for_request)
    post_save.connect(_on_write, dispatch_uid="kept_sites_post_save")
    post_delete.connect(_on_write, dispatch_uid="kept_sites_post_delete")
