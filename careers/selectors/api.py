"""Reads for the job platform's API: pages of shared profiles and of
withdrawn ones, in a stable order, with an opaque cursor to the next page.

Pages are cut by keyset (the last row's sort key), not by offset, so a
profile that changes while the platform pages through moves to the end
instead of shifting every later page. The cursor is signed: a made-up one is
refused rather than read. Profiles sort by (updated_at, public_id), not the
account's id, so not even the cursor carries an identifier the trainee did
not agree to share."""

import datetime
import uuid
from dataclasses import dataclass

from django.core import signing
from django.db.models import Q, QuerySet

from careers.models import ApiCall, ApiClient, JobProfile, ProfileRevocation
from careers.selectors.profiles import shared_profiles

PAGE_SIZE = 100
CURSOR_SALT = "careers.api.cursor"


class BadCursor(ValueError):
    pass


@dataclass
class Page:
    items: list
    next_cursor: str | None


def _cursor_make(kind: str, at: datetime.datetime, key: str) -> str:
    return signing.dumps([kind, at.isoformat(), key], salt=CURSOR_SALT, compress=True)


def _cursor_read(kind: str, cursor: str) -> tuple[datetime.datetime, str]:
    try:
        found, at, key = signing.loads(cursor, salt=CURSOR_SALT)
        if found != kind:
            raise BadCursor(cursor)
        return datetime.datetime.fromisoformat(at), str(key)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadCursor(cursor) from error


def _page(rows: list, size: int, kind: str, key) -> Page:
    more = len(rows) > size
    rows = rows[:size]
    cursor = _cursor_make(kind, *key(rows[-1])) if more else None
    return Page(rows, cursor)


def profiles_page(
    *,
    changed_since: datetime.datetime | None = None,
    cursor: str | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    """Opted-in profiles changed after `changed_since`, oldest change first,
    `size` at most, ready for `profile_payloads`. Raises BadCursor."""
    profiles = shared_profiles(changed_since=changed_since).order_by(
        "updated_at", "public_id"
    )
    if cursor:
        at, key = _cursor_read("profiles", cursor)
        try:
            key = uuid.UUID(key)
        except ValueError as error:
            raise BadCursor(cursor) from error
        profiles = profiles.filter(
            Q(updated_at__gt=at) | Q(updated_at=at, public_id__gt=key)
        )
    return _page(
        list(profiles[: size + 1]),
        size,
        "profiles",
        lambda profile: (profile.updated_at, str(profile.public_id)),
    )


def shared_profile(public_id: uuid.UUID) -> JobProfile | None:
    """One profile, if it is shared now (None once withdrawn)."""
    return shared_profiles().filter(public_id=public_id).first()


def revocations_page(
    *,
    since: datetime.datetime | None = None,
    cursor: str | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    """Profiles withdrawn after `since`, oldest first. Raises BadCursor."""
    revocations = ProfileRevocation.objects.order_by("revoked_at", "pk")
    if since is not None:
        revocations = revocations.filter(revoked_at__gt=since)
    if cursor:
        at, key = _cursor_read("revocations", cursor)
        if not key.isdigit():
            raise BadCursor(cursor)
        revocations = revocations.filter(
            Q(revoked_at__gt=at) | Q(revoked_at=at, pk__gt=int(key))
        )
    return _page(
        list(revocations[: size + 1]),
        size,
        "revocations",
        lambda revocation: (revocation.revoked_at, str(revocation.pk)),
    )


def api_calls_for_admin() -> QuerySet[ApiCall]:
    return ApiCall.objects.select_related("client").order_by("-at", "-pk")


def api_clients_for_admin() -> QuerySet[ApiClient]:
    return ApiClient.objects.select_related("created_by").order_by("name", "pk")
