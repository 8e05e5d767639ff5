"""Small facts about a signed-in person that every page's shell reads (their
display settings, their staff roles, their unread message count), kept in the
shared cache per person: a signed-in page reads them all in one cache round
trip instead of a query each.

- Each app registers a part with `register(name, load)`; `load(user)` returns
  a small picklable value from the database.
- `value(user, name)` reads every registered part of that person with one
  `get_many` the first time it is asked for during a request (the values are
  kept on the user object, which lives for one request), and loads and keeps
  only the parts that were missing.
- Keys hold the person's id and the part's name only: nothing about one
  person is ever served to another.
- Invalidation: every write that changes a part calls `forget(user_id, name)`
  — through the signals `forget_on` connects for a model (save, delete, m2m)
  or explicitly from a service that writes with a queryset `update`. The
  entry is deleted at once and again when the transaction commits, so a page
  built in between cannot keep the old value past the commit. A timeout
  (`USER_CACHE_TIMEOUT`, ten minutes) bounds anything else.
- Signing in loads and keeps every part not kept yet (`fill`, on Django's
  ``user_logged_in``), so the first page after it reads them all from the
  cache as every later page does.
- ``USER_CACHE_ENABLED = False`` turns it off (every part is loaded).

Core imports no app: apps register their parts here.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

KEY_PREFIX = "user-cache:"
DEFAULT_TIMEOUT = 10 * 60
MEMO = "_user_cache_values"

_loaders: dict[str, Callable] = {}


def register(name: str, load: Callable) -> None:
    _loaders[name] = load


def _enabled() -> bool:
    return getattr(settings, "USER_CACHE_ENABLED", True)


def _timeout() -> int:
    return getattr(settings, "USER_CACHE_TIMEOUT", DEFAULT_TIMEOUT)


def _key(user_id, name: str) -> str:
    return f"{KEY_PREFIX}{user_id}:{name}"


def value(user, name: str):
    """The part `name` for this signed-in person."""
    if not _enabled():
        return _loaders[name](user)
    memo = getattr(user, MEMO, None)
    if memo is None:
        keys = {_key(user.pk, part): part for part in _loaders}
        memo = {keys[key]: found for key, found in cache.get_many(keys).items()}
        setattr(user, MEMO, memo)
    if name not in memo:
        memo[name] = _loaders[name](user)
        cache.set(_key(user.pk, name), memo[name], _timeout())
    return memo[name]


def fill(user) -> None:
    """Load and keep every part of this person that the cache does not hold
    (whatever this user object remembers from earlier). A part whose loader
    asks for another part loads it once."""
    if not _enabled():
        return
    keys = {part: _key(user.pk, part) for part in _loaders}
    kept = cache.get_many(keys.values())
    memo = {part: kept[key] for part, key in keys.items() if key in kept}
    setattr(user, MEMO, memo)
    loaded = {}
    for part, key in keys.items():
        if part not in memo:
            memo[part] = _loaders[part](user)
            loaded[key] = memo[part]
    if loaded:
        cache.set_many(loaded, _timeout())


def _fill_on_sign_in(sender, request, user, **kwargs) -> None:
    fill(user)


user_logged_in.connect(_fill_on_sign_in, dispatch_uid="user_cache_fill_on_sign_in")


def forget(user_id, *names: str) -> None:
    """The parts `names` (all when none) of this person changed."""
    keys = [_key(user_id, name) for name in names or _loaders]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_on(model, name: str, user_of: Callable = lambda obj: obj.user_id) -> None:
    """A save or delete of `model` changes the part `name` of the person
    `user_of(instance)` gives."""

    def _forget(sender, instance, **kwargs):
        user_id = user_of(instance)
        if user_id is not None:
            forget(user_id, name)

    post_save.connect(_forget, sender=model, weak=False)
    post_delete.connect(_forget, sender=model, weak=False)
