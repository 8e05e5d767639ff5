"""A trainee's personal calendar subscription: the secret token in its URL.

Calendar apps cannot sign in, so the token is the only thing that guards the
feed. It exists only once the trainee asks for it, and resetting it makes
every copy of the old URL stop working at once."""

import secrets

from django.db import IntegrityError, transaction

from accounts.models import User
from training.models import CalendarFeed
from training.services.audit import audit_record

TOKEN_BYTES = 32


def feed_token_new() -> str:
    """43 URL-safe characters (256 random bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def calendar_feed_create(*, user: User) -> CalendarFeed:
    """The person's feed, made the first time they ask. Idempotent: asking
    again (a double click, a retried request) returns the same token."""
    existing = CalendarFeed.objects.filter(user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            feed = CalendarFeed(user=user, token=feed_token_new())
            feed.full_clean()
            feed.save()
            audit_record(actor=user, action="calendar_feed.create", obj=feed)
            return feed
    except IntegrityError:
        # A concurrent identical request made it first.
        return CalendarFeed.objects.get(user=user)


@transaction.atomic
def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """A new token: the old URL answers 404 from now on. Makes the feed if
    the person had none."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        return calendar_feed_create(user=user)
    feed.token = feed_token_new()
    feed.full_clean()
    feed.save(update_fields=["token", "created_at"])
    # The tokens themselves never go into the audit trail: it says when.
    audit_record(actor=user, action="calendar_feed.reset", obj=feed)
    return feed
