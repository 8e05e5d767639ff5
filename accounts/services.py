"""Writes about people: profile, access needs and consent, preferences."""

import logging

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import (
    AccessNeeds,
    ConsentEvent,
    DeletionRequest,
    DisabilityCategory,
    DisplayPreferences,
    FunctionalNeed,
    NeedsAccessLog,
    TrainingBase,
    User,
)
from accounts.notices import DELETION_HANDLED
from accounts.personal_data import FormerIdentity, audit_sinks, providers
from accounts.personal_data_accounts import is_anonymised
from accounts.preferences import Display
from notifications.services import notify

logger = logging.getLogger(__name__)

CONSENT_REQUIRED = "Consent is required to record access needs."
ANONYMISE_SELF = gettext_lazy("You cannot anonymise your own account.")


def profile_update(
    *,
    user: User,
    name: str,
    preferred_language: str,
    home_base: TrainingBase | None,
    phone: str,
) -> User:
    user.name = name
    user.preferred_language = preferred_language
    user.home_base = home_base
    user.phone = phone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "preferred_language", "home_base", "phone"])
    return user


@transaction.atomic
def access_needs_record(
    *,
    user: User,
    categories: list[str],
    needs: list[str],
    notes: str,
    consent: bool,
    extra_time_factor: str = "1.5",
) -> AccessNeeds:
    """Record needs only with explicit consent; the first recording (or one
    after a withdrawal) logs consent as given."""
    if not consent:
        raise ValueError(CONSENT_REQUIRED)
    values = {c.value: c.value in categories for c in DisabilityCategory}
    values |= {n.value: n.value in needs for n in FunctionalNeed}
    record = AccessNeeds.objects.select_for_update().filter(user=user).first()
    if record is None:
        record = AccessNeeds(user=user, consent_given_at=timezone.now())
        ConsentEvent.objects.create(user=user, kind=ConsentEvent.Kind.GIVEN)
    for field, value in values.items():
        setattr(record, field, value)
    record.notes = notes
    record.extra_time_factor = extra_time_factor or "1.5"
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def access_needs_consent_withdraw(*, user: User) -> bool:
    """Erase the needs and log the withdrawal. Returns whether anything was held."""
    deleted, _ = AccessNeeds.objects.filter(user=user).delete()
    if deleted:
        ConsentEvent.objects.create(user=user, kind=ConsentEvent.Kind.WITHDRAWN)
    return bool(deleted)


def access_needs_view_log(*, viewer: User, subject: User, path: str) -> None:
    if viewer.pk != subject.pk:
        NeedsAccessLog.objects.create(viewer=viewer, subject=subject, path=path[:300])


def display_preferences_save(*, user: User, display: Display) -> DisplayPreferences:
    preferences, _ = DisplayPreferences.objects.update_or_create(
        user=user, defaults=display.as_dict()
    )
    return preferences


def deletion_request_create(*, user: User, reason: str) -> DeletionRequest:
    """One open request per person; asking again returns the open one."""
    request, _ = DeletionRequest.objects.get_or_create(
        user=user, handled_at=None, defaults={"reason": reason}
    )
    return request


@transaction.atomic
def person_anonymise(
    *, person: User, actor: User | None, request: HttpRequest | None = None
) -> bool:
    """Carry out a deletion request: every registered provider erases the
    person's identity from its records in one transaction, training records
    stay (without identity) so the federation's figures do not move, the
    person's open deletion requests are marked handled, the change is
    audited, and the person is told by email at the address on file before
    it was erased (sent once the transaction commits). Idempotent: returns
    False, changing nothing, when the person is already anonymised."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if actor is not None and actor.pk == person.pk:
        raise ValueError(ANONYMISE_SELF)
    if is_anonymised(person):
        return False
    former = FormerIdentity(name=person.name, email=person.email, phone=person.phone)
    for provider in providers():
        provider.anonymise(person, former)
    DeletionRequest.objects.filter(user=person, handled_at__isnull=True).update(
        handled_at=timezone.now()
    )
    for sink in audit_sinks():
        sink(person=person, actor=actor)
    if former.email:
        # To the address they had, in their language, sent by a worker once
        # this commits (notifications: kept and retried if mail is down).
        notify(
            person,
            DELETION_HANDLED,
            {},
            dedupe_key=f"deletion_handled:{timezone.now().isoformat()}",
            email_to=former.email,
        )
    logger.info("person %s anonymised by %s", person.pk, getattr(actor, "pk", None))
    return True
