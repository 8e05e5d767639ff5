import pytest
from django.core.cache import cache

from home.demo import seed_site


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate-limit counters live in the cache; every test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_pages(db):
    """The home page and accessibility statement in both languages."""
    return seed_site()
