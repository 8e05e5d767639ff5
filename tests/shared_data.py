"""Test data built once per test module instead of once per test.

Building a course page tree (publishing pages through Wagtail, with its search
and reference indexes) is most of what a test costs. A module whose tests all
start from the same world builds it once::

    @pytest.fixture(scope="module")
    def _world(django_db_setup, django_db_blocker):
        with shared_data(django_db_blocker):
            yield build_the_world()


    @pytest.fixture
    def world(_world, db):
        return fresh(_world)

The world is written inside a transaction that stays open while the module's
tests run and is rolled back after the last one, so the database is left as it
was. Each test runs in its own savepoint inside it (pytest-django's `db`, as
Django's `TestCase.setUpTestData` does), so what one test writes is gone before
the next starts; `fresh` gives each test its own copy of the Python objects, so
one test changing an instance in memory cannot leak into another.

Only for modules whose tests use the `db` fixture: a transactional test
(`transactional_db`, `live_server`) cannot run inside the open transaction.
"""

import copy
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, transaction


@contextmanager
def shared_data(django_db_blocker, using: str = DEFAULT_DB_ALIAS):
    with django_db_blocker.unblock():
        atomic = transaction.atomic(using=using)
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True, using=using)
            atomic.__exit__(None, None, None)


def fresh(world):
    """A deep copy of the module's objects for one test."""
    return copy.deepcopy(world)
