"""Training's providers for the personal-data registry (accounts.personal_data):
what a person's data download shows of their training, and what anonymising
them erases. Training records themselves are kept without identity so that
the federation's figures do not move."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.personal_data import (
    REMOVED,
    FormerIdentity,
    PersonalDataProvider,
    describe,
    register,
    register_audit_sink,
)
from training.models import (
    Attendance,
    AuditEntry,
    CalendarFeed,
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    QuizAnswer,
    QuizAttempt,
    ReportingPeriod,
    TrainingSession,
)
from training.services.certificates import certificates_revoke_for_erased_holder

# Keys of an audit entry's changes that hold free text about the person.
FREE_TEXT_KEYS = {"notes", "name", "email", "phone", "text", "comment", "reason"}


def _keep(person: User, former: FormerIdentity) -> None:
    """Kept without identity: the account it points at is anonymised."""


def _enrolments(person: User) -> list[dict]:
    return [
        describe(
            e,
            [
                "session",
                "status",
                "enrolled_by",
                "created_at",
                "status_changed_at",
                "completed_at",
                "final_result",
            ],
        )
        for e in Enrolment.objects.filter(trainee=person).select_related(
            "session", "enrolled_by"
        )
    ]


def _enrolments_anonymise(person: User, former: FormerIdentity) -> None:
    Enrolment.objects.filter(trainee=person).exclude(confirmation_code="").update(
        confirmation_code=""
    )


def _progress(person: User) -> list[dict]:
    return [
        {
            _("session"): str(p.enrolment.session),
            _("lesson"): p.lesson.title,
            **describe(p, ["first_opened_at", "completed_at"]),
        }
        for p in LessonProgress.objects.filter(enrolment__trainee=person)
        .select_related("enrolment__session", "lesson")
        .order_by("first_opened_at", "pk")
    ]


def _attempts(person: User) -> list[dict]:
    attempts = (
        QuizAttempt.objects.filter(enrolment__trainee=person)
        .select_related("quiz")
        .prefetch_related("answers")
        .order_by("started_at", "pk")
    )
    return [
        {
            _("quiz"): attempt.quiz.title,
            **describe(
                attempt,
                [
                    "number",
                    "started_at",
                    "submitted_at",
                    "seconds_used",
                    "score",
                    "max_score",
                    "passed",
                    "needs_marking",
                ],
            ),
            _("answers"): [
                describe(
                    answer,
                    [
                        "question_id",
                        "choice_ids",
                        "text",
                        "is_correct",
                        "marked_at",
                        "comment",
                    ],
                )
                for answer in attempt.answers.all()
            ],
        }
        for attempt in attempts
    ]


def _answers_anonymise(person: User, former: FormerIdentity) -> None:
    """What they wrote, and what an instructor wrote about it, is erased;
    whether it was right is kept for the figures."""
    QuizAnswer.objects.filter(attempt__enrolment__trainee=person).exclude(
        text="", comment=""
    ).update(text="", comment="")


def _attendance(person: User) -> list[dict]:
    return [
        {
            _("session"): str(a.enrolment.session),
            **describe(a, ["day", "status", "recorded_at"]),
        }
        for a in Attendance.objects.filter(enrolment__trainee=person)
        .select_related("enrolment__session")
        .order_by("day")
    ]


def _outcomes(person: User) -> list[dict]:
    return [
        {
            _("session"): str(o.enrolment.session),
            **describe(o, ["follow_up", "status", "recorded_on", "notes"]),
        }
        for o in Outcome.objects.filter(enrolment__trainee=person)
        .select_related("enrolment__session")
        .order_by("recorded_on", "pk")
    ]


def _outcomes_anonymise(person: User, former: FormerIdentity) -> None:
    Outcome.objects.filter(enrolment__trainee=person).exclude(notes="").update(notes="")


def _attendance_recorded(person: User) -> list[dict]:
    """Records this person kept about others, as staff: when, not whom."""
    return [
        {_("attendance recorded"): a.recorded_at.isoformat()}
        for a in Attendance.objects.filter(recorded_by=person).only("recorded_at")
    ]


def _outcomes_recorded(person: User) -> list[dict]:
    return [
        {_("outcome recorded"): o.recorded_on.isoformat()}
        for o in Outcome.objects.filter(recorded_by=person).only("recorded_on")
    ]


def _outcomes_confirmed(person: User) -> list[dict]:
    """Trainees' own reports this person confirmed as staff: when, not whom."""
    return [
        {_("trainee's report confirmed"): o.confirmed_at.isoformat()}
        for o in Outcome.objects.filter(confirmed_by=person, confirmed_at__isnull=False)
        .only("confirmed_at")
        .order_by("confirmed_at", "pk")
    ]


def _sessions_taught(person: User) -> list[dict]:
    return [
        describe(s, ["name", "base", "starts_on", "ends_on"])
        for s in TrainingSession.objects.filter(instructors=person).select_related(
            "base"
        )
    ]


def _certificates(person: User) -> list[dict]:
    return [
        describe(c, ["code", "issued_at", "trainee_name", "course_title", "base_name"])
        for c in Certificate.objects.filter(enrolment__trainee=person)
    ]


def _certificates_anonymise(person: User, former: FormerIdentity) -> None:
    """The certificate still verifies, without the name, as revoked: nobody
    can be shown to hold it any more."""
    certificates_revoke_for_erased_holder(person=person)
    Certificate.objects.filter(enrolment__trainee=person).exclude(
        trainee_name=""
    ).update(trainee_name="")


def _audit(person: User) -> list[dict]:
    return [
        describe(entry, ["at", "actor", "action", "object_type", "changes"])
        for entry in AuditEntry.objects.filter(
            Q(trainee=person) | Q(actor=person)
        ).select_related("actor")
    ]


def _scrub(value, former: FormerIdentity, key: str = ""):
    if isinstance(value, dict):
        return {k: _scrub(v, former, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, former, key) for v in value]
    if isinstance(value, str) and value:
        return REMOVED if key in FREE_TEXT_KEYS else former.scrub(value)
    return value


def _audit_anonymise(person: User, former: FormerIdentity) -> None:
    """Free text about the person in the trail is erased; who did what to
    which record, and when, is kept."""
    for entry in AuditEntry.objects.filter(trainee=person).only("changes"):
        changes = _scrub(entry.changes, former)
        if changes != entry.changes:
            entry.changes = changes
            entry.save(update_fields=["changes"])


def _periods(person: User) -> list[dict]:
    return [
        describe(p, ["name", "closed_at", "reopened_at", "reopen_reason"])
        for p in ReportingPeriod.objects.filter(
            Q(closed_by=person) | Q(reopened_by=person)
        )
    ]


def _marked(person: User) -> list[dict]:
    return [
        {_("answer marked"): a.marked_at.isoformat() if a.marked_at else None}
        for a in QuizAnswer.objects.filter(marked_by=person).only("marked_at")
    ]


def _calendar_feed(person: User) -> list[dict]:
    """That a subscription link exists and since when; the secret in it is
    the person's own, shown on their calendar page."""
    return [
        {_("calendar subscription link made"): feed.created_at.isoformat()}
        for feed in CalendarFeed.objects.filter(user=person)
    ]


def _calendar_feed_anonymise(person: User, former: FormerIdentity) -> None:
    CalendarFeed.objects.filter(user=person).delete()


def audit_anonymisation(*, person: User, actor: User | None) -> None:
    AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action="person_anonymised",
        object_type="user",
        object_id=person.pk,
        trainee=person,
        changes={},
    )


def register_training_providers() -> None:
    for provider in [
        PersonalDataProvider(
            key="training.calendar_feed",
            model=CalendarFeed,
            person_fields=("user",),
            title=gettext_lazy("Your calendar subscription"),
            records=_calendar_feed,
            anonymise=_calendar_feed_anonymise,
        ),
        PersonalDataProvider(
            key="training.enrolments",
            model=Enrolment,
            person_fields=("trainee", "enrolled_by"),
            title=gettext_lazy("Your places in training sessions"),
            records=_enrolments,
            anonymise=_enrolments_anonymise,
        ),
        PersonalDataProvider(
            key="training.lesson_progress",
            model=LessonProgress,
            person_fields=(),
            title=gettext_lazy("Your lessons"),
            records=_progress,
            anonymise=_keep,
        ),
        PersonalDataProvider(
            key="training.quiz_attempts",
            model=QuizAttempt,
            person_fields=(),
            title=gettext_lazy("Your quiz attempts and answers"),
            records=_attempts,
            anonymise=_keep,
        ),
        PersonalDataProvider(
            key="training.quiz_answers",
            model=QuizAnswer,
            person_fields=("marked_by",),
            title=gettext_lazy("Answers you marked"),
            records=_marked,
            anonymise=_answers_anonymise,
        ),
        PersonalDataProvider(
            key="training.attendance",
            model=Attendance,
            person_fields=(),
            title=gettext_lazy("Your attendance"),
            records=_attendance,
            anonymise=_keep,
        ),
        PersonalDataProvider(
            key="training.outcomes",
            model=Outcome,
            person_fields=(),
            title=gettext_lazy("Where you were after your training"),
            records=_outcomes,
            anonymise=_outcomes_anonymise,
        ),
        PersonalDataProvider(
            key="training.attendance_recorded_by",
            model=Attendance,
            person_fields=("recorded_by",),
            title=gettext_lazy("Attendance you recorded as staff"),
            records=_attendance_recorded,
            anonymise=_keep,
        ),
        PersonalDataProvider(
            key="training.outcomes_recorded_by",
            model=Outcome,
            person_fields=("recorded_by",),
            title=gettext_lazy("Outcomes you recorded as staff"),
            records=_outcomes_recorded,
            anonymise=_keep,
        ),
        PersonalDataProvider(
            key="training.outcomes_confirmed_by",
            model=Outcome,
            person_fields=("confirmed_by",),
            title=gettext_lazy("Trainees' reports you confirmed as staff"),
            records=_outcomes_confirmed,
            anonymise=_keep,
        ),
        PersonalDataProvider(
            key="training.sessions_taught",
            model=TrainingSession,
            person_fields=("instructors",),
            title=gettext_lazy("Sessions you teach"),
            records=_sessions_taught,
            anonymise=_keep,
        ),
        PersonalDataProvider(
            key="training.certificates",
            model=Certificate,
            person_fields=("trainee_name",),
            title=gettext_lazy("Your certificates"),
            records=_certificates,
            anonymise=_certificates_anonymise,
        ),
        PersonalDataProvider(
            key="training.audit_entries",
            model=AuditEntry,
            person_fields=("trainee", "actor"),
            title=gettext_lazy("Changes to your records, and changes you made"),
            records=_audit,
            anonymise=_audit_anonymise,
        ),
        PersonalDataProvider(
            key="training.reporting_periods",
            model=ReportingPeriod,
            person_fields=("closed_by", "reopened_by"),
            title=gettext_lazy("Reporting periods you closed or reopened"),
            records=_periods,
            anonymise=_keep,
        ),
    ]:
        register(provider)
    register_audit_sink(audit_anonymisation)
