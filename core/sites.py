"""Wagtail's site for a signed-in person's request, from the shared cache.

Every link to a page (`{% pageurl %}`, `page.get_url(request)`) asks
`Site.find_for_request`, which runs one query matching host and port against
every site, with a `CASE` ordering that costs more to build than to run. The
answer changes only when a site does, so `SiteForRequestMiddleware` reads it
from the shared cache (one entry for every host the site answers to) and
gives it to Wagtail the way Wagtail keeps it for a request
(`request._wagtail_site`).

- Only for requests with a session cookie (signed-in pages). An anonymous
  page is served from the page cache, or built as Wagtail builds it.
- The site is kept without its root page: a page that needs the root page
  (routing) reads it fresh, so a renamed or moved home page is never stale.
- Any save or delete of a site forgets the entry, at once and again when the
  transaction commits; a timeout (`SITE_CACHE_TIMEOUT`, five minutes) bounds
  anything else.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site

KEY = "wagtail-sites:by-host"
DEFAULT_TIMEOUT = 5 * 60
MAX_HOSTS = 20


def _host_and_port(request) -> tuple[str, int]:
    # Wagtail's own way (the raw host: no ALLOWED_HOSTS check here).
    hostname = split_domain_port(request._get_raw_host())[0]
    return hostname, int(request.get_port())


def site_for_request(request) -> Site | None:
    """The site Wagtail would find for this request, from the cache."""
    host = _host_and_port(request)
    sites = cache.get(KEY) or {}
    if host in sites:
        return sites[host]
    site = Site._find_for_request(request)
    if site is not None:
        # Without the root page read with it (see the module docstring).
        site._state.fields_cache.clear()
    # Hosts were checked against ALLOWED_HOSTS before (the middleware runs
    # after CommonMiddleware); the bound is a second line.
    sites = {**sites, host: site} if len(sites) < MAX_HOSTS else {host: site}
    cache.set(KEY, sites, getattr(settings, "SITE_CACHE_TIMEOUT", DEFAULT_TIMEOUT))
    return site


def forget() -> None:
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))


def _on_site_write(sender, **kwargs) -> None:
    forget()


post_save.connect(_on_site_write, sender=Site, dispatch_uid="core_sites_save")
post_delete.connect(_on_site_write, sender=Site, dispatch_uid="core_sites_delete")


class SiteForRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not hasattr(
            request, "_wagtail_site"
        ):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
