"""How an audit entry reads: action labels, record types, field names and
choice values in the reader's language. Shared by the session audit trail
(training) and the federation audit viewer, so both say the same thing.

Readers who may not see trainees (federation auditors) get entries with the
trainee left out and free text that may name or describe a person hidden."""

import datetime
import re

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from training.models import (
    Attendance,
    AuditEntry,
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    QuizAnswer,
    QuizAttempt,
    ReportingPeriod,
    TrainingSession,
)

ACTION_LABELS = {
    "enrolment.create": gettext_lazy("Enrolment created"),
    "enrolment.status": gettext_lazy("Enrolment status changed"),
    "enrolment.code_wrong": gettext_lazy("Wrong confirmation code typed"),
    "person_anonymised": gettext_lazy("Personal details removed at their request"),
    "attendance.record": gettext_lazy("Attendance recorded"),
    "outcome.record": gettext_lazy("Outcome recorded"),
    "outcome.confirm": gettext_lazy("Trainee's report confirmed"),
    "lesson.complete": gettext_lazy("Lesson completed"),
    "certificate.issue": gettext_lazy("Certificate issued"),
    "certificate.revoke": gettext_lazy("Certificate revoked"),
    "quiz.start": gettext_lazy("Quiz started"),
    "quiz.submit": gettext_lazy("Quiz submitted"),
    "quiz.mark": gettext_lazy("Written answer marked"),
    "quiz.result": gettext_lazy("Quiz result after marking"),
    "period.create": gettext_lazy("Reporting period created"),
    "period.close": gettext_lazy("Reporting period closed"),
    "period.reopen": gettext_lazy("Reporting period reopened"),
    "session.create": gettext_lazy("Session created"),
    "session.update": gettext_lazy("Session changed"),
    "session.duplicate": gettext_lazy("Session created to run again"),
    "session.enrolment_close": gettext_lazy("Enrolment closed"),
    "session.enrolment_open": gettext_lazy("Enrolment reopened"),
    "session.cancel": gettext_lazy("Session cancelled"),
}
AUDITED_MODELS = {
    model._meta.model_name: model
    for model in (
        Enrolment,
        Attendance,
        Outcome,
        LessonProgress,
        Certificate,
        QuizAttempt,
        QuizAnswer,
        ReportingPeriod,
        TrainingSession,
    )
}
EXTRA_FIELD_LABELS = {
    "assisted": gettext_lazy("assisted"),
    "source": gettext_lazy("source"),
    "lesson": gettext_lazy("lesson"),
    "day": gettext_lazy("day"),
    "quiz": gettext_lazy("quiz"),
    "attempt": gettext_lazy("attempt"),
    "amendments_folded_in": gettext_lazy("amendments counted again"),
    "meetings": gettext_lazy("meetings"),
    "copied_from": gettext_lazy("copied from session"),
}
# Values that may name or describe a person: free text written about a
# trainee, and anything that leads to their name (a certificate's code opens
# the public certificate page). A reporting period's name names no one.
PERSONAL_FIELDS = frozenset(
    {"notes", "comment", "text", "trainee_name", "name", "email", "phone", "code"}
)
IMPERSONAL_MODELS = frozenset({ReportingPeriod, TrainingSession})
HIDDEN = gettext_lazy("(hidden)")
ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$"
)
EMPTY = "—"


def action_label(action: str) -> str:
    """The readable label, or the raw action name for actions added later."""
    return str(ACTION_LABELS.get(action, action))


def action_choices() -> list[tuple[str, str]]:
    return [(action, str(label)) for action, label in ACTION_LABELS.items()]


def _model_for(object_type: str) -> type[models.Model] | None:
    """Our own audited models first; then any installed model of that name,
    so that record types added by other apps still read well."""
    if object_type in AUDITED_MODELS:
        return AUDITED_MODELS[object_type]
    found = [m for m in apps.get_models() if m._meta.model_name == object_type]
    return found[0] if len(found) == 1 else None


def _field(model: type[models.Model] | None, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _value(value, choices: dict) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and ISO_DATE.match(value):
        return _when(value)
    return str(choices.get(value, value))


def _when(value: str) -> str:
    """Dates and times saved as ISO text, shown as the reader's language
    writes them (times in the site's time zone)."""
    try:
        if len(value) == 10:
            return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "DATETIME_FORMAT")


def describe(entry: AuditEntry, *, show_people: bool = True) -> AuditEntry:
    """Set `action_label`, `record_label`, `change_list` [(label, old, new)],
    `actor_label` and `trainee_label` on the entry, without a query (the
    caller select_related "actor" and "trainee").

    Without `show_people`, an actor who is the trainee themself reads as
    "The trainee", the trainee is left out and personal values are hidden."""
    model = _model_for(entry.object_type)
    entry.action_label = action_label(entry.action)
    entry.record_label = model._meta.verbose_name if model else entry.object_type
    entry.change_list = []
    for name, values in (entry.changes or {}).items():
        field = _field(model, name)
        label = getattr(field, "verbose_name", None) or EXTRA_FIELD_LABELS.get(
            name, name
        )
        choices = dict(field.flatchoices) if field is not None and field.choices else {}
        pair = [*values, None, None] if isinstance(values, list) else [None, values]
        old, new = pair[:2]
        personal = name in PERSONAL_FIELDS and model not in IMPERSONAL_MODELS
        if not show_people and personal:
            old, new = (
                (EMPTY if old in (None, "") else str(HIDDEN)),
                (EMPTY if new in (None, "") else str(HIDDEN)),
            )
        else:
            old, new = _value(old, choices), _value(new, choices)
        entry.change_list.append((label, old, new))
    by_trainee = entry.actor_id is not None and entry.actor_id == entry.trainee_id
    if entry.actor_id is None:
        entry.actor_label = _("System")
    elif by_trainee and not show_people:
        entry.actor_label = _("The trainee")
    else:
        entry.actor_label = str(entry.actor)
    entry.trainee_label = str(entry.trainee) if show_people and entry.trainee else ""
    return entry
