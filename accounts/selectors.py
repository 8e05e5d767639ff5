"""Reads about people."""

from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import (
    AccessNeeds,
    DisplayPreferences,
    NeedsAccessLog,
    TrainingBase,
    User,
)
from accounts.preferences import COOKIE_NAME, Display


def access_needs_for(user: User) -> AccessNeeds | None:
    return AccessNeeds.objects.filter(user=user).first()


def display_for_request(request: HttpRequest) -> Display:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        preferences = DisplayPreferences.objects.filter(user=user).first()
        if preferences is not None:
            return Display.from_model(preferences)
    return Display.from_cookie(request.COOKIES.get(COOKIE_NAME))


def training_bases() -> QuerySet[TrainingBase]:
    return TrainingBase.objects.order_by("name")


def personal_data_export(user: User) -> dict:
    """Everything we hold about a person, as they may download it."""
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
