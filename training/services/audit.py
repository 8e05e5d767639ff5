from django.db import models

from accounts.models import User
from training.models import AuditEntry, Enrolment, TrainingSession


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    enrolment: Enrolment | None = None,
    changes: dict | None = None,
) -> AuditEntry:
    """One line in the training audit trail: who, when, what, old -> new.
    `changes` maps a field to [old, new]."""
    session = enrolment.session if enrolment else getattr(obj, "session", None)
    if session is None and isinstance(obj, TrainingSession):
        session = obj
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        session=session,
        base_id=session.base_id if session else None,
        trainee_id=enrolment.trainee_id if enrolment else None,
        changes=changes or {},
    )


def diff(old: dict, new: dict) -> dict:
    """Fields whose value changed, as {field: [old, new]} with JSON-safe values."""
    return {
        field: [_plain(old.get(field)), _plain(value)]
        for field, value in new.items()
        if old.get(field) != value
    }


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
