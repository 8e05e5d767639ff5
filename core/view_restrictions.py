"""Wagtail checks a page's view restrictions (private pages, passwords,
groups) on every visit: two queries (the page's ancestors, then their
restrictions). Most sites have none at all, so whether any exists is kept in
the shared cache and, while none does, a page of ours answers "none" without
asking.

The flag is forgotten on every save or delete of a PageViewRestriction (at
once and when the transaction commits) and lasts at most `TIMEOUT`; as soon
as one restriction exists, every page asks Wagtail as before.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

KEY = "view-restrictions:any"
TIMEOUT = 10 * 60


def any_exist() -> bool:
    found = cache.get(KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(KEY, found, TIMEOUT)
    return found


def any_exist_expression() -> Exists:
    """Whether any restriction exists, as a column of another query (the
    kept site's, core.sites): `remember` its answer."""
    return Exists(PageViewRestriction.objects.all())


def remember(found: bool) -> None:
    """Keep an answer read with another query, unless one is kept."""
    cache.add(KEY, bool(found), TIMEOUT)


def _forget(**kwargs) -> None:
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))


post_save.connect(_forget, sender=PageViewRestriction, weak=False)
post_delete.connect(_forget, sender=PageViewRestriction, weak=False)


class ViewRestrictionsKnownMixin:
    """For a Page type: no query for its view restrictions while the site
    has none (see the module)."""

    def get_view_restrictions(self):
        if not any_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
