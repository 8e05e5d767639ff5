"""The load-data generator at a tiny scale: exact counts, consistent records,
the confirmation guard and a repeatable result for a seed."""

import datetime
import io

from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.test import TestCase
from django.utils import timezone

from accounts.models import AccessNeeds, User
from courses.models import CoursePage
from demo.load import LOAD_DOMAIN, PLACE_TAKING, load_data_size
from federation.models import ReportAccess
from training.models import (
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    TrainingSession,
)

# Passed to the generator, so the checks and both runs agree on the day.
TODAY = timezone.localdate()
TINY = {
    "bases": 2,
    "sessions": 6,
    "trainees": 40,
    "enrolments": 60,
    "progress": 200,
}


def generate(seed: int = 7, **sizes) -> str:
    out = io.StringIO()
    options = {**TINY, **sizes}
    call_command(
        "generate_load_data",
        *(f"--{name}={value}" for name, value in options.items()),
        f"--seed={seed}",
        f"--today={TODAY.isoformat()}",
        "--yes",
        stdout=out,
    )
    return out.getvalue()


def fingerprint() -> dict:
    """The generated data by natural keys (ids differ between runs)."""
    enrolments = Enrolment.objects.filter(trainee__email__endswith=LOAD_DOMAIN)
    return {
        "sessions": sorted(
            TrainingSession.objects.filter(
                course__slug__startswith="load-"
            ).values_list(
                "name", "base__name", "starts_on", "ends_on", "status", "capacity"
            )
        ),
        "enrolments": sorted(
            enrolments.values_list(
                "trainee__email", "session__name", "status", "completed_at"
            ),
            key=str,
        ),
        "certificates": sorted(
            Certificate.objects.filter(enrolment__in=enrolments).values_list(
                "code", "enrolment__trainee__email", "trainee_name"
            )
        ),
        "outcomes": sorted(
            Outcome.objects.filter(enrolment__in=enrolments).values_list(
                "enrolment__trainee__email",
                "enrolment__session__name",
                "follow_up",
                "status",
                "recorded_on",
            )
        ),
        "progress": sorted(
            LessonProgress.objects.filter(enrolment__in=enrolments)
            .values_list("enrolment__trainee__email", "enrolment__session__name")
            .annotate(n=Count("pk"))
        ),
        "needs": sorted(
            AccessNeeds.objects.filter(user__email__endswith=LOAD_DOMAIN).values_list(
                "user__email", "visual", "hearing", "physical", "multiple"
            )
        ),
    }


class GenerateLoadDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = generate()
        cls.first = fingerprint()

    def sessions(self):
        return TrainingSession.objects.filter(course__slug__startswith="load-")

    def enrolments(self):
        return Enrolment.objects.filter(session__in=self.sessions())

    def test_creates_exactly_the_requested_counts(self):
        size = load_data_size()
        self.assertEqual(size.bases, TINY["bases"])
        self.assertEqual(size.sessions, TINY["sessions"])
        self.assertEqual(size.trainees, TINY["trainees"])
        self.assertEqual(size.enrolments, TINY["enrolments"])
        self.assertEqual(size.progress, TINY["progress"])
        self.assertIn("60 enrolments", self.output)

    def test_trainees_cannot_sign_in_and_most_shared_their_needs(self):
        trainees = User.objects.filter(
            email__endswith=f"@{LOAD_DOMAIN}", staff_roles__isnull=True
        )
        self.assertFalse(any(u.has_usable_password() for u in trainees))
        shared = AccessNeeds.objects.filter(user__in=trainees).count()
        self.assertTrue(0.4 * TINY["trainees"] <= shared <= 0.95 * TINY["trainees"])

    def test_sessions_have_statuses_that_match_their_dates(self):
        for session in self.sessions():
            if session.status == TrainingSession.Status.FINISHED:
                self.assertLess(session.ends_on, TODAY)
            elif session.status == TrainingSession.Status.RUNNING:
                self.assertTrue(session.starts_on <= TODAY <= session.ends_on)
            elif session.status == TrainingSession.Status.PLANNED:
                self.assertGreater(session.starts_on, TODAY)
            self.assertGreaterEqual(
                session.starts_on, TODAY - datetime.timedelta(days=3 * 365)
            )
            self.assertEqual(session.base_id, session.course.specific.base_id)

    def test_no_session_has_more_enrolments_than_places(self):
        over = self.sessions().annotate(
            taken=Count("enrolments", filter=Q(enrolments__status__in=PLACE_TAKING))
        )
        self.assertTrue(over.exists())
        self.assertFalse(over.filter(taken__gt=F("capacity")).exists())

    def test_enrolment_statuses_match_the_session(self):
        enrolments = self.enrolments()
        self.assertFalse(
            enrolments.filter(
                status=Enrolment.Status.COMPLETED,
                session__status__in=["planned", "running", "cancelled"],
            ).exists()
        )
        self.assertFalse(
            enrolments.filter(session__status="cancelled")
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .exists()
        )
        completed = enrolments.filter(status=Enrolment.Status.COMPLETED)
        self.assertFalse(completed.filter(completed_at__isnull=True).exists())
        self.assertFalse(
            enrolments.exclude(status=Enrolment.Status.COMPLETED)
            .filter(completed_at__isnull=False)
            .exists()
        )

    def test_certificates_for_completions_only_one_each_with_unique_codes(self):
        certificates = Certificate.objects.filter(enrolment__in=self.enrolments())
        completed = self.enrolments().filter(status=Enrolment.Status.COMPLETED)
        self.assertGreater(completed.count(), 0)
        self.assertEqual(certificates.count(), completed.count())
        self.assertFalse(
            certificates.exclude(enrolment__status=Enrolment.Status.COMPLETED).exists()
        )
        codes = list(certificates.values_list("code", flat=True))
        self.assertEqual(len(set(codes)), len(codes))
        self.assertTrue(all(len(code) == 20 for code in codes))

    def test_outcomes_only_for_completions_after_the_follow_up_is_due(self):
        outcomes = Outcome.objects.filter(enrolment__in=self.enrolments())
        self.assertGreater(outcomes.count(), 0)
        self.assertFalse(
            outcomes.exclude(enrolment__status=Enrolment.Status.COMPLETED).exists()
        )
        for outcome in outcomes.select_related("enrolment__session"):
            ended = outcome.enrolment.session.ends_on
            self.assertGreater(outcome.recorded_on, ended)
            self.assertLessEqual(outcome.recorded_on, TODAY)
            months = outcome.follow_up
            due = ended + datetime.timedelta(days=months * 28)
            self.assertGreaterEqual(outcome.recorded_on, due)

    def test_progress_only_for_lessons_of_the_enrolment_course(self):
        rows = LessonProgress.objects.filter(
            enrolment__in=self.enrolments()
        ).values_list("lesson__path", "enrolment__session__course__path")
        self.assertEqual(len(rows), TINY["progress"])
        for lesson_path, course_path in rows:
            self.assertEqual(lesson_path[: len(course_path)], course_path)
            self.assertEqual(len(lesson_path), len(course_path) + 4)

    def test_completions_worked_through_every_lesson(self):
        completed = (
            self.enrolments()
            .filter(status=Enrolment.Status.COMPLETED)
            .annotate(
                done=Count("progress", filter=Q(progress__completed_at__isnull=False))
            )
            .select_related("session")
        )
        for enrolment in completed:
            lessons = (
                CoursePage.objects.get(pk=enrolment.session.course_id)
                .get_children()
                .count()
            )
            self.assertEqual(enrolment.done, lessons)

    def test_refuses_without_confirmation(self):
        with self.assertRaisesMessage(CommandError, "--yes"):
            call_command("generate_load_data", stdout=io.StringIO())
        with self.assertRaisesMessage(CommandError, "--yes"):
            call_command("generate_load_data", "--sessions=2", stdout=io.StringIO())
        self.assertEqual(load_data_size().sessions, TINY["sessions"])

    def test_same_seed_same_data_and_other_seed_other_data(self):
        # What points at a load trainee from elsewhere is let go, not lost.
        trainee = User.objects.filter(email__endswith=LOAD_DOMAIN).first()
        access = ReportAccess.objects.create(user=trainee, report="dashboard")
        generate()
        access.refresh_from_db()
        self.assertIsNone(access.user_id)
        self.assertEqual(fingerprint(), self.first)
        self.assertEqual(load_data_size().enrolments, TINY["enrolments"])
        generate(seed=8)
        self.assertNotEqual(fingerprint(), self.first)
        self.assertEqual(load_data_size().enrolments, TINY["enrolments"])
