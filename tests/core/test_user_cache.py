"""core.user_cache: signing in keeps every part of the person (display
settings, staff roles, unread messages), so the first page after it reads
them from the cache like every later page; nothing is kept for anyone else."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core import user_cache
from tests.factories.accounts import StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

PART_TABLES = (
    '"accounts_staffrole"',
    '"accounts_displaypreferences"',
    '"notifications_notification"',
)


def _kept(user) -> set[str]:
    keys = {user_cache._key(user.pk, name): name for name in user_cache._loaders}
    return {keys[key] for key in cache.get_many(keys)}


def test_signing_in_keeps_every_part_for_the_first_page(site_pages):
    person, other = UserFactory(), UserFactory()
    client = Client()
    client.force_login(person)
    assert _kept(person) == set(user_cache._loaders)
    assert _kept(other) == set()  # nobody else's
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/zh-hans/learning/").status_code == 200
    read = [q["sql"] for q in queries if any(t in q["sql"] for t in PART_TABLES)]
    assert read == []


def test_a_part_kept_already_is_not_loaded_again():
    person, other = UserFactory(), UserFactory()
    name = next(iter(user_cache._loaders))
    cache.set(user_cache._key(person.pk, name), "kept before")
    with CaptureQueriesContext(connection) as everything:
        user_cache.fill(other)
    with CaptureQueriesContext(connection) as queries:
        user_cache.fill(person)
    assert len(queries) < len(everything)
    assert user_cache.value(person, name) == "kept before"


def test_filling_a_staff_member_reads_each_part_once():
    """Whether they may open the admin asks for their roles: read once."""
    person = StaffRoleFactory().user
    with CaptureQueriesContext(connection) as queries:
        user_cache.fill(person)
    roles = [q for q in queries if 'FROM "accounts_staffrole"' in q["sql"]]
    assert len(roles) == 1
    assert _kept(person) == set(user_cache._loaders)


def test_what_the_user_object_remembers_does_not_stop_the_filling():
    person = UserFactory()
    for name in user_cache._loaders:
        user_cache.value(person, name)  # remembered on the object, kept
    cache.clear()
    user_cache.fill(person)
    assert _kept(person) == set(user_cache._loaders)


@override_settings(USER_CACHE_ENABLED=False)
def test_nothing_is_kept_when_turned_off():
    person = UserFactory()
    Client().force_login(person)
    assert _kept(person) == set()
