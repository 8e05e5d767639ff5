"""Learner records: sessions, enrolments, progress, attendance, outcomes,
certificates and the audit trail. Plain Django models that point at course
pages; publishing a page never touches them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import TrainingBase
from courses.models import DeliveryMode


class TrainingSession(models.Model):
    """A cohort: one course run at one base between two dates."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("course"),
    )
    base = models.ForeignKey(
        TrainingBase,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("training base"),
    )
    name = models.CharField(_("name (Chinese)"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=16, choices=DeliveryMode.choices
    )
    capacity = models.PositiveIntegerField(_("places"))
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="sessions_taught",
        verbose_name=_("instructors"),
    )
    enrolment_open = models.BooleanField(_("enrolment open"), default=True)
    approval_required = models.BooleanField(
        _("applications are reviewed"),
        default=False,
        help_text=_("If ticked, trainees apply and an instructor accepts them."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    # Where it meets: blank means the base's own address (and its venue
    # accessibility features, shown on every session at the base).
    venue = models.CharField(
        _("venue (Chinese)"),
        max_length=255,
        blank=True,
        help_text=_("Leave blank to meet at the base."),
    )
    venue_en = models.CharField(_("venue (English)"), max_length=255, blank=True)
    enrolment_opens_on = models.DateField(
        _("enrolment opens on"),
        null=True,
        blank=True,
        help_text=_("Leave blank to open enrolment now."),
    )
    enrolment_closes_on = models.DateField(
        _("enrolment closes on"),
        null=True,
        blank=True,
        help_text=_("Leave blank to keep enrolment open until the session starts."),
    )
    # The support offered to everyone in the session.
    support_sign_language = models.BooleanField(
        _("sign-language interpreter"), default=False
    )
    support_captioner = models.BooleanField(_("live captioner"), default=False)
    support_transport = models.BooleanField(_("accessible transport"), default=False)
    support_assistant = models.BooleanField(_("personal assistant"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)

    SUPPORT_FIELDS = (
        "support_sign_language",
        "support_captioner",
        "support_transport",
        "support_assistant",
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_on", "name"]
        indexes = [
            models.Index(fields=["base", "starts_on"]),
            # Federation reports filter by period across every base.
            models.Index(fields=["starts_on"], name="session_starts_on_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="session_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0), name="session_has_places"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language (Chinese when no English is set)."""
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def display_venue(self) -> str:
        """The session's own venue in the active language (the other
        language's when only that is set); blank: it meets at the base."""
        if get_language() == "en" and self.venue_en:
            return self.venue_en
        return self.venue or self.venue_en

    @property
    def support_offered(self) -> list[str]:
        """The support offered, as words to show."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.SUPPORT_FIELDS
            if getattr(self, name)
        ]


class Meeting(models.Model):
    """One scheduled meeting of a session: a day, a time, a room or a link."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("session"),
    )
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    room = models.CharField(_("room (Chinese)"), max_length=200, blank=True)
    room_en = models.CharField(_("room (English)"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["day", "starts_at", "pk"]
        indexes = [models.Index(fields=["session", "day"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.day} {self.starts_at:%H:%M}"

    @property
    def display_room(self) -> str:
        if get_language() == "en" and self.room_en:
            return self.room_en
        return self.room or self.room_en


class CalendarFeed(models.Model):
    """A trainee's personal calendar subscription: the secret in its URL.
    Resetting it makes the old URL stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return str(self.user)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Offered a place")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        NOT_COMPLETED = "not_completed", _("Did not complete")
        # Staff put a person who is not yet linked to the base on the list:
        # no seat, not counted, needs hidden, until the trainee confirms.
        PENDING = "pending", _("Waiting for the trainee to confirm")

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        NOT_PASSED = "not_passed", _("Not passed")

    # Statuses that hold a seat in the session.
    SEAT_HOLDING = (Status.ENROLLED, Status.OFFERED, Status.COMPLETED)
    # Still under way: the trainee may leave.
    ACTIVE = (
        Status.APPLIED,
        Status.ENROLLED,
        Status.WAITLISTED,
        Status.OFFERED,
        Status.PENDING,
    )

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("trainee"),
    )
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("session"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enrolled by"),
        help_text=_("Empty when the trainee enrolled themself."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    final_result = models.CharField(
        _("final result"), max_length=16, choices=Result.choices, blank=True
    )
    # A pending place's one-time code, read aloud by the trainee so that staff
    # can confirm the place in person; emptied when the place stops pending.
    confirmation_code = models.CharField(
        _("confirmation code"), max_length=6, blank=True, editable=False
    )
    confirmation_failures = models.PositiveSmallIntegerField(
        _("wrong confirmation codes"), default=0, editable=False
    )
    # An offered place is kept until then; the scheduled command withdraws
    # the offer afterwards and offers the seat to the next person.
    offer_expires_at = models.DateTimeField(
        _("offer open until"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["trainee", "status"]),
            # Covers the federation dashboard's counts (status, then session,
            # distinct trainees) without reading the table.
            models.Index(
                fields=["status", "session", "trainee"],
                name="enrolment_status_session_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "session"], name="enrolment_unique_trainee_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} · {self.session}"

    @property
    def can_withdraw(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_assisted(self) -> bool:
        return (
            self.enrolled_by_id is not None and self.enrolled_by_id != self.trainee_id
        )


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("lesson"),
    )
    first_opened_at = models.DateTimeField(_("first opened at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="progress_unique_enrolment_lesson"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson_id}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Absent with reason")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "day"], name="attendance_unique_enrolment_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.day}"


class Outcome(models.Model):
    """Where a trainee is 3, 6 and 12 months after their session ended."""

    class FollowUp(models.IntegerChoices):
        THREE_MONTHS = 3, _("3 months")
        SIX_MONTHS = 6, _("6 months")
        TWELVE_MONTHS = 12, _("12 months")

    class Status(models.TextChoices):
        EMPLOYED = "employed", _("Employed")
        SELF_EMPLOYED = "self_employed", _("Self-employed or started a business")
        FURTHER_TRAINING = "further_training", _("In further training")
        SEEKING_WORK = "seeking_work", _("Seeking work")
        UNKNOWN = "unknown", _("Unknown")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="outcomes"
    )
    follow_up = models.PositiveSmallIntegerField(
        _("follow-up"), choices=FollowUp.choices
    )
    status = models.CharField(_("outcome"), max_length=20, choices=Status.choices)
    recorded_on = models.DateField(_("date recorded"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    # Trainees may report their own status; it counts in reports only once an
    # instructor has confirmed it. Outcomes entered by staff are confirmed.
    self_reported = models.BooleanField(_("reported by the trainee"), default=False)
    confirmed = models.BooleanField(_("confirmed"), default=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # Recorded after the period its session starts in was closed: kept apart
    # and left out of that period's figures until a federation admin reopens
    # it, which folds it in (see training/services/periods.py).
    amends_period = models.ForeignKey(
        "ReportingPeriod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="amendments",
        verbose_name=_("amendment to the closed period"),
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        indexes = [
            # Covers the federation dashboard's employment counts.
            models.Index(
                fields=["enrolment", "follow_up", "status"],
                name="outcome_followup_status_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "follow_up"], name="outcome_unique_follow_up"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.get_follow_up_display()}"


class Certificate(models.Model):
    """Issued once per completed enrolment. What it says is kept as issued."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    trainee_name = models.CharField(_("name"), max_length=150)
    course_title = models.CharField(_("course (Chinese)"), max_length=255)
    course_title_en = models.CharField(
        _("course (English)"), max_length=255, blank=True
    )
    base_name = models.CharField(_("training base (Chinese)"), max_length=200)
    base_name_en = models.CharField(
        _("training base (English)"), max_length=200, blank=True
    )
    # The course's skills as issued: [{"code": ..., "name": ..., "name_en": ...}].
    skills = models.JSONField(_("skills"), default=list, blank=True)
    # A revoked certificate (issued in error, or its holder anonymised) still
    # verifies, as revoked, with the reason.
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason revoked"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class AuditEntry(models.Model):
    """Who changed which training record, when, from what to what."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("record type"), max_length=32)
    object_id = models.PositiveBigIntegerField(_("record"))
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    base = models.ForeignKey(
        TrainingBase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["base", "at"]),
            models.Index(fields=["session", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class QuizAttempt(models.Model):
    """One go at a quiz. The clock (when the quiz has a time limit) runs only
    while the attempt is not paused: `seconds_used` holds the time used up to
    `clock_started_at`, the start of the current running stretch."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(
        "courses.QuizPage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quiz"),
    )
    number = models.PositiveSmallIntegerField(_("attempt"), default=1)
    started_at = models.DateTimeField(_("started at"))
    seconds_allowed = models.PositiveIntegerField(
        _("time allowed (seconds)"),
        null=True,
        blank=True,
        help_text=_("Empty when there is no time limit."),
    )
    seconds_used = models.PositiveIntegerField(_("time used (seconds)"), default=0)
    clock_started_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    max_score = models.PositiveSmallIntegerField(_("questions"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    needs_marking = models.BooleanField(_("waiting for marking"), default=False)
    # The language the trainee took the quiz in ("zh-hans" or "en"): results
    # and reviews show the questions in it, whatever the page's language.
    language = models.CharField(_("language"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"],
                name="quizattempt_unique_number",
            ),
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="quizattempt_one_open_per_quiz",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.quiz_id} #{self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def percent(self) -> int | None:
        if self.score is None or not self.max_score:
            return None
        return round(100 * self.score / self.max_score)


class QuizAnswer(models.Model):
    """The answer to one question (a StreamField block id), saved as the
    trainee goes. `is_correct` stays empty until the attempt is submitted
    (choice questions) or an instructor marks it (short answers)."""

    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(_("question"), max_length=64)
    choice_ids = models.JSONField(_("chosen answers"), default=list, blank=True)
    text = models.TextField(_("written answer"), blank=True)
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)
    is_correct = models.BooleanField(_("correct"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)
    comment = models.TextField(_("comment from the instructor"), blank=True)

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="quizanswer_unique_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.question_id}"


class ReportingPeriod(models.Model):
    """A span of time the federation reports on. Once an auditor closes it,
    the records dated in it are locked: the enrolments, attendance,
    completions and certificates of sessions that start in it, and outcomes
    recorded in it. Only a federation admin can reopen it."""

    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    reopened_at = models.DateTimeField(_("last reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopen_reason = models.TextField(_("why it was reopened"), blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="period_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language (Chinese when no English is set)."""
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class NeedsCombination(models.Model):
    """A combination of disability categories (or "not recorded") as one
    boolean per category: how the kept figures are split, so the dashboard
    filters and groups them by category without a join."""

    visual = models.BooleanField(default=False)
    hearing = models.BooleanField(default=False)
    speech = models.BooleanField(default=False)
    physical = models.BooleanField(default=False)
    intellectual = models.BooleanField(default=False)
    psychosocial = models.BooleanField(default=False)
    multiple = models.BooleanField(default=False)
    not_recorded = models.BooleanField(default=False)

    class Meta:
        abstract = True


class SessionFigures(NeedsCombination):
    """The federation dashboard's counts for one session and one combination
    of disability categories (or "not recorded"), kept by
    training.services.figures in the same transaction as every write that
    changes them, rebuilt by `manage.py rebuild_report_figures` and checked by
    reconciliation. Only counted enrolments (no staff places, session not
    cancelled): the dashboard reads these few thousand rows instead of
    grouping every enrolment and outcome.

    Figures that depend on the day (whether a session has ended, whether a
    follow-up is due) are decided when the dashboard reads them, from the
    session's end date: `candidates` are completions whose person has no
    other counted completion of the course (each is that person's only
    completion, so it is counted once it is due); `work_n` those of them
    whose latest confirmed outcome at n months is in work; `biz_3` those
    whose latest outcome at 3 months is self-employed, `biz_6` the rest
    whose outcome at 6 months is, `biz_12` the rest at 12 months. People
    with several completions of one course are counted by the dashboard
    from RepeatCompletion, since which of their completions counts changes
    with the day.

    People counted once: `first_any` counts the enrolments that are their
    person's first counted place (lowest id), `first_base` the first at the
    session's base, `first_course`, `first_skill` (skill area) and
    `first_mode` (delivery mode) likewise, so the dashboard adds up the
    trainees of every grouping without a distinct count over enrolments."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="+"
    )
    enrolments = models.PositiveIntegerField(default=0)
    completions = models.PositiveIntegerField(default=0)
    certified = models.PositiveIntegerField(default=0)
    candidates = models.PositiveIntegerField(default=0)
    work_3 = models.PositiveIntegerField(default=0)
    work_6 = models.PositiveIntegerField(default=0)
    work_12 = models.PositiveIntegerField(default=0)
    biz_3 = models.PositiveIntegerField(default=0)
    biz_6 = models.PositiveIntegerField(default=0)
    biz_12 = models.PositiveIntegerField(default=0)
    first_any = models.PositiveIntegerField(default=0)
    first_base = models.PositiveIntegerField(default=0)
    first_course = models.PositiveIntegerField(default=0)
    first_skill = models.PositiveIntegerField(default=0)
    first_mode = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("session figures")
        verbose_name_plural = _("session figures")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "session",
                    "visual",
                    "hearing",
                    "speech",
                    "physical",
                    "intellectual",
                    "psychosocial",
                    "multiple",
                    "not_recorded",
                ],
                name="sessionfigures_unique_combination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.enrolments}"


class KeptPlace(NeedsCombination):
    """A row the dashboard keeps for one enrolment, in its session: it names
    no person itself (the enrolment does)."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.enrolment_id)


class CountedPlace(KeptPlace):
    """One counted place (an enrolment as the dashboard counts it) with the
    start of its session and, for its person, the start of their previous
    counted place (in the order of sessions' start, then enrolment id):
    overall, at the same base, in the same course, skill area and delivery
    mode. Kept with SessionFigures and recounted like them.

    It counts people once within a range of dates without a distinct count
    over enrolments: a person's first place in the range is the place in it
    whose previous place started before the range (or who has none), so
    trainees from `date_from` to `date_to` are the places starting in the
    range whose `previous_*` is empty or before `date_from`. Like
    RepeatCompletion it names no person (the enrolment does)."""

    starts_on = models.DateField()
    previous_any = models.DateField(null=True)
    previous_base = models.DateField(null=True)
    previous_course = models.DateField(null=True)
    previous_skill = models.DateField(null=True)
    previous_mode = models.DateField(null=True)

    class Meta:
        verbose_name = _("counted place")
        verbose_name_plural = _("counted places")
        indexes = [models.Index(fields=["starts_on"], name="countedplace_starts_idx")]


class RepeatCompletion(KeptPlace):
    """A counted completion whose person has another counted completion of
    the same course, with its own latest counted outcome at each follow-up
    (status, date recorded, outcome id: the latest across the person's
    completions is the one with the latest date, then id) and its person's
    combination of categories: the dashboard works out, for the day it
    counts, which of the person's completions represents them. Kept with
    SessionFigures, recounted from the records (access needs withdrawn or
    erased, outcomes changed) like them; it names no person itself (the
    enrolment does)."""

    status_3 = models.CharField(max_length=20, blank=True)
    status_6 = models.CharField(max_length=20, blank=True)
    status_12 = models.CharField(max_length=20, blank=True)
    recorded_3 = models.DateField(null=True)
    recorded_6 = models.DateField(null=True)
    recorded_12 = models.DateField(null=True)
    outcome_3 = models.BigIntegerField(null=True)
    outcome_6 = models.BigIntegerField(null=True)
    outcome_12 = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("repeated completion")
        verbose_name_plural = _("repeated completions")
