"""Keep SessionFigures, RepeatCompletion and CountedPlace (the federation
dashboard's counts) in step with the records, in the same transaction as
each write.

Every change is handled by recounting the sessions it touches from the
records (training.selectors.figures.figures_from_records): a session has at
most a few hundred enrolments, so this is a handful of queries, always
right, and idempotent. The sessions touched by a write:
- an enrolment: its session and the sessions of the person's other
  enrolments (whether a place is the person's first, which place came
  before which, or whether a completion is their only one of the course,
  decides where they are counted);
- a certificate or outcome: its enrolment's session;
- a person (access needs, consent, staff roles, superuser): the sessions
  they are enrolled in;
- a session (cancelled, moved to another base, course or delivery mode,
  deleted): it and the sessions of its people's other enrolments.
Signals catch every save and delete, wherever it comes from (services, the
admin, fixtures); writes that bypass signals (bulk_create, update()) call
`refresh_sessions` themselves. `figures_rebuild` recounts everything."""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from accounts.models import AccessNeeds, StaffRole, User
from training.models import (
    Certificate,
    CountedPlace,
    Enrolment,
    Outcome,
    RepeatCompletion,
    SessionFigures,
    TrainingSession,
)
from training.selectors.figures import (
    COMBINATION_FIELDS,
    figures_from_records,
    places_from_records,
)

# What is kept, each row of one session.
KEPT = (SessionFigures, RepeatCompletion, CountedPlace)

_state = threading.local()


def _deleting() -> set[int]:
    if not hasattr(_state, "deleting"):
        _state.deleting = set()
    return _state.deleting


def _write(figures: dict, repeats: dict, places: dict) -> None:
    SessionFigures.objects.bulk_create(
        [
            SessionFigures(
                session_id=key[0],
                **dict(zip(COMBINATION_FIELDS, key[1:], strict=True)),
                **counts,
            )
            for key, counts in figures.items()
        ],
        batch_size=2000,
    )
    RepeatCompletion.objects.bulk_create(
        [RepeatCompletion(enrolment_id=pk, **fields) for pk, fields in repeats.items()],
        batch_size=2000,
    )
    CountedPlace.objects.bulk_create(
        [CountedPlace(enrolment_id=pk, **fields) for pk, fields in places.items()],
        batch_size=2000,
    )


def refresh_sessions(session_ids) -> None:
    """Recount these sessions' figures from their records."""
    ids = set(session_ids) - _deleting()
    if not ids:
        return
    with transaction.atomic():
        # Lock the sessions so two writers recount one session in turn.
        ids = set(
            TrainingSession.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return
        for model in KEPT:
            model.objects.filter(session_id__in=ids).delete()
        _write(*figures_from_records(ids), places_from_records(ids))


def _people_sessions(trainees) -> set[int]:
    return set(
        Enrolment.objects.filter(trainee_id__in=trainees).values_list(
            "session_id", flat=True
        )
    )


def refresh_people(trainee_ids, *, sessions=()) -> None:
    """Recount the sessions these people are enrolled in (and `sessions`)."""
    refresh_sessions(set(sessions) | _people_sessions(list(trainee_ids)))


def refresh_around_sessions(session_ids) -> None:
    """Recount these sessions and those of their people's enrolments."""
    ids = set(session_ids)
    trainees = Enrolment.objects.filter(session_id__in=ids).values("trainee_id")
    refresh_sessions(ids | _people_sessions(trainees))


def figures_rebuild() -> int:
    """Recount every session's figures in one transaction. Returns the
    number of rows kept."""
    with transaction.atomic():
        for model in KEPT:
            model.objects.all().delete()
        figures, repeats = figures_from_records()
        _write(figures, repeats, places_from_records())
    return len(figures)


# Signals -------------------------------------------------------------------------


def _enrolment_changed(sender, instance, **kwargs):
    refresh_people([instance.trainee_id], sessions={instance.session_id})


def _record_changed(sender, instance, **kwargs):
    enrolment = (
        Enrolment.objects.filter(pk=instance.enrolment_id)
        .values_list("session_id", flat=True)
        .first()
    )
    if enrolment is not None:
        refresh_sessions({enrolment})


def _person_changed(sender, instance, **kwargs):
    refresh_people([instance.user_id])


def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields and "is_superuser" not in update_fields):
        return
    refresh_people([instance.pk])


def _session_saved(sender, instance, created, **kwargs):
    if not created:
        refresh_around_sessions([instance.pk])


def _session_deleting(sender, instance, **kwargs):
    trainees = Enrolment.objects.filter(session=instance).values("trainee_id")
    instance._figures_around = _people_sessions(trainees) - {instance.pk}
    _deleting().add(instance.pk)


def _session_deleted(sender, instance, **kwargs):
    _deleting().discard(instance.pk)
    refresh_sessions(getattr(instance, "_figures_around", ()))


def connect() -> None:
    uid = "training.figures"
    post_save.connect(_enrolment_changed, sender=Enrolment, dispatch_uid=uid)
    post_delete.connect(_enrolment_changed, sender=Enrolment, dispatch_uid=uid)
    for model in (Certificate, Outcome):
        post_save.connect(_record_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_record_changed, sender=model, dispatch_uid=uid)
    for model in (AccessNeeds, StaffRole):
        post_save.connect(_person_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_person_changed, sender=model, dispatch_uid=uid)
    post_save.connect(_user_saved, sender=User, dispatch_uid=uid)
    post_save.connect(_session_saved, sender=TrainingSession, dispatch_uid=uid)
    pre_delete.connect(_session_deleting, sender=TrainingSession, dispatch_uid=uid)
    post_delete.connect(_session_deleted, sender=TrainingSession, dispatch_uid=uid)
