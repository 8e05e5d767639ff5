import pytest
from django.core.cache import cache
from django.utils import translation

from demo.site import seed_site

# Modules whose tests share data built once per worker that runs any of them
# (a module-scoped fixture rolled back, so nothing of it outlives the module).
# pytest-xdist's worksteal hands each worker an equal run of the collected
# tests to start with: a module where that run ends is built on both workers.
# Collected first, the query budgets (13-16 s to build) stay on one.
BUILT_ONCE = ("tests/test_query_budget.py",)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's ordering (tests in transactions, transactional
    tests, the rest), the modules in BUILT_ONCE move to the front."""
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in BUILT_ONCE)


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
    rolls back to this state. A transactional test with serialized rollback
    restores this state too (Django serialized the database before the pages
    were built: restoring that over the pages, before any flush, put the
    migrations' home page back on a path the site's home page holds)."""
    from django.db import connections

    with django_db_blocker.unblock():
        seed_site()
        for connection in connections.all(initialized_only=True):
            if getattr(connection, "_test_serialized_contents", None) is not None:
                connection._test_serialized_contents = (
                    connection.creation.serialize_db_to_string()
                )


@pytest.fixture
def restored_afterwards(django_db_blocker):
    """For a transactional test: the database put back after the test's
    flush, as the session started, so a test that runs after it on the same
    worker (pytest-xdist may hand it one) finds the pages, locales and groups.
    Request it before `transactional_db`: fixtures are torn down in reverse."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is not None:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def site_pages(db):
    """The home page and accessibility statement in both languages."""
    return seed_site()
