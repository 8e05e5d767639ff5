"""Reads about people."""

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import override

from accounts.models import (
    AccessNeeds,
    DisplayPreferences,
    NeedsAccessLog,
    StaffRole,
    TrainingBase,
    User,
)
from accounts.personal_data import providers
from accounts.preferences import COOKIE_NAME, Display
from core import user_cache

DISPLAY_PART = "display"


def access_needs_for(user: User) -> AccessNeeds | None:
    return AccessNeeds.objects.filter(user=user).first()


def display_load(user: User) -> dict | None:
    """The person's saved display settings (None when they never saved any),
    as kept per person in the shared cache (core.user_cache)."""
    preferences = DisplayPreferences.objects.filter(user=user).first()
    return None if preferences is None else Display.from_model(preferences).as_dict()


def display_for_request(request: HttpRequest) -> Display:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        saved = user_cache.value(user, DISPLAY_PART)
        if saved is not None:
            return Display(**saved)
    return Display.from_cookie(request.COOKIES.get(COOKIE_NAME))


def training_bases() -> QuerySet[TrainingBase]:
    return TrainingBase.objects.order_by("name")


def needs_viewers(user: User) -> QuerySet[NeedsAccessLog]:
    """Who looked at this person's access needs, newest first, with each
    viewer's roles and bases: three queries however long the list."""
    return (
        NeedsAccessLog.objects.filter(subject=user)
        .select_related("viewer")
        .prefetch_related(
            Prefetch(
                "viewer__staff_roles",
                queryset=StaffRole.objects.select_related("base").order_by("role"),
            )
        )
        .order_by("-at", "-pk")
    )


def personal_data_export(user: User) -> dict:
    """Everything we hold about a person, as they may download it: the
    machine-readable summary below, then every registered kind of record
    (accounts.personal_data) with labels and values in the person's
    language."""
    with override(user.preferred_language):
        return _legacy_export(user) | {
            "language": user.preferred_language,
            "generated_at": timezone.now().isoformat(),
            "records": [
                {
                    "kind": provider.key,
                    "title": str(provider.title),
                    "records": provider.records(user),
                }
                for provider in providers()
            ],
        }


def _legacy_export(user: User) -> dict:
    needs = access_needs_for(user)
    preferences = getattr(user, "display_preferences", None)
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
            "home_base": user.home_base.name if user.home_base_id else None,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "access_needs": None
        if needs is None
        else {
            "disability_categories": needs.categories,
            "functional_needs": needs.needs,
            "notes": needs.notes,
            "consent_given_at": needs.consent_given_at.isoformat(),
            "updated_at": needs.updated_at.isoformat(),
        },
        "consent_history": [
            {"what": event.kind, "at": event.at.isoformat()}
            for event in user.consent_events.all()
        ],
        "display_preferences": None
        if preferences is None
        else Display.from_model(preferences).as_dict(),
        "staff_roles": [
            {"role": role.role, "base": role.base.name if role.base_id else None}
            for role in user.staff_roles.select_related("base")
        ],
        "who_viewed_your_access_needs": [
            {"viewer": str(log.viewer), "at": log.at.isoformat()}
            for log in NeedsAccessLog.objects.filter(subject=user).select_related(
                "viewer"
            )
        ],
        "deletion_requests": [
            {
                "requested_at": r.requested_at.isoformat(),
                "handled_at": r.handled_at.isoformat() if r.handled_at else None,
            }
            for r in user.deletion_requests.all()
        ],
    }
