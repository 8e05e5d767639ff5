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
queries of building a page).

Serving a page starts from `site.root_page.localized`: Wagtail looks up the
active language's Locale, then the root page's translation in it, two
queries on every request. The kept site holds its root page with its live
translations by language (read in the one query that gets the root page in
its own type), and a root page type with `KeptTranslationsMixin` answers
`localized` from them."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from core import view_restrictions
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
    # type and its translations): a release that keeps something else
    # changes it.
    return cached_fragment(
        f"v3:{split_domain_port(host)[0]}:{request.get_port()}",
        lambda: _with_specific_root(Site._find_for_request(request)),
        TIMEOUT,
        token=GENERATION_KEY,
    )


def _with_specific_root(site: Site | None) -> Site | None:
    """The site with its root page in its own type (the home page), holding
    its live translations by language code (`kept_translations`, itself
    included): serving any page asks for `site.root_page.localized.specific`.
    One query, the root page and its translations in their own type, which
    also tells whether any page view restriction exists (kept for
    core.view_restrictions, asked next by any page served)."""
    if site is None:
        return None
    root = site.root_page
    model = root.specific_class or type(root)
    pages = list(
        model.objects.filter(translation_key=root.translation_key)
        .select_related("locale")
        .annotate(any_view_restriction=view_restrictions.any_exist_expression())
    )
    if pages:
        view_restrictions.remember(pages[0].any_view_restriction)
    own = next((page for page in pages if page.pk == root.pk), None)
    if own is None:  # a root page whose type is gone: as Wagtail does
        site.root_page = root.specific
        return site
    own.kept_translations = {
        page.locale.language_code: page
        for page in pages
        if page.pk == own.pk or page.live
    }
    site.root_page = own
    return site


class KeptTranslationsMixin:
    """For the page type of a site's root (the home page): `localized`, as
    Wagtail's, answered from the translations the kept site holds (no
    Locale or translation query); Wagtail's own when the page was not read
    through a kept site or the active language has no translation kept."""

    @property
    def localized(self):
        kept = getattr(self, "kept_translations", None)
        if kept is not None and getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            try:
                code = get_supported_content_language_variant(get_language())
            except LookupError:
                code = None
            if code in kept:
                return kept[code]
        return super().localized


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
