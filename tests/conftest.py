import pytest
from django.core.cache import cache
from django.utils import translation

from demo.site import seed_site


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the worker's thread; every test
    # starts in the site's default language (Chinese), so a test that needs
    # English says so, and none passes or fails by which test ran before it.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate-limit counters live in the cache; every test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the site pages once per test database; each test's transaction
    rolls back to this state. (Transactional tests restore the state left by
    migrations, so `site_pages` builds them again when they are missing.)"""
    with django_db_blocker.unblock():
        seed_site()


@pytest.fixture
def site_pages(db):
    """The home page and accessibility statement in both languages."""
    return seed_site()
