"""Each training event tells the right people, in their language, once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from accounts.models import StaffRole
from core.dates import add_months
from notifications.models import Notification
from notifications.rendering import render
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from training import notices
from training.models import Enrolment, Meeting, Outcome, QuizAnswer
from training.selectors.learning import course_lessons
from training.selectors.quizzes import quiz_questions
from training.services import enrolment as enrolment_service
from training.services import progress as progress_service
from training.services import quizzes as quiz_service
from training.services.sessions import session_cancel
from training.signals import session_cancelled, session_changed

pytestmark = pytest.mark.django_db

Status = Enrolment.Status
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def run(settings, django_capture_on_commit_callbacks):
    """Run a service as a request would: its signals and deliveries happen
    after the commit, with tasks run at once."""
    settings.TASKS = IMMEDIATE
    mail.outbox = []

    def _run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return _run


@pytest.fixture
def session(site_pages):
    return training_factories.session(
        capacity=1,
        name="直播电商 秋季班",
        name_en="Livestream selling, autumn",
        starts_on=timezone.localdate() + datetime.timedelta(days=10),
        ends_on=timezone.localdate() + datetime.timedelta(days=60),
    )


def _people(*languages):
    return [UserFactory(preferred_language=language) for language in languages]


def _enrol(run, person, session):
    return run(
        enrolment_service.enrolment_create,
        trainee=person,
        session=session,
        actor=person,
    )


def _messages(person, kind=None):
    found = Notification.objects.filter(recipient=person)
    return list(found.filter(kind=kind) if kind else found)


def test_place_confirmed_and_waiting_list_with_position(run, session):
    first, second, third = _people("en", "zh-hans", "en")
    _enrol(run, first, session)
    _enrol(run, second, session)
    _enrol(run, third, session)
    [confirmed] = _messages(first)
    assert confirmed.kind == notices.ENROLLED
    assert [n.data["position"] for n in _messages(second) + _messages(third)] == [
        1,
        2,
    ]
    # Email in each person's own language: the session's name in it.
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Livestream selling, autumn" in by_address[first.email].subject
    assert "直播电商 秋季班" in by_address[second.email].subject
    assert "2" in render(_messages(third)[0]).text
    assert render(confirmed).url == "/en/learning/"


def test_freed_seat_is_offered_with_a_deadline_and_a_link(run, settings, session):
    settings.OFFER_HOURS = 48
    first, second = _people("en", "en")
    taken = _enrol(run, first, session)
    waiting = _enrol(run, second, session)
    run(enrolment_service.enrolment_withdraw, enrolment=taken, actor=first)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    expected = timezone.now() + datetime.timedelta(hours=48)
    assert abs(waiting.offer_expires_at - expected) < datetime.timedelta(minutes=1)
    [offer] = _messages(second, notices.OFFERED)
    assert offer.data["offer_expires_at"] == waiting.offer_expires_at.isoformat()
    rendered = render(offer)
    assert rendered.url == "/en/learning/"
    with translation.override("en"):
        deadline = timezone.localtime(waiting.offer_expires_at)
    assert str(deadline.year) in rendered.text
    assert _messages(first) and not _messages(first, notices.OFFERED)


def test_offer_reminder_then_expiry_offers_the_seat_to_the_next(run, session):
    first, second, third = _people("en", "en", "zh-hans")
    taken = _enrol(run, first, session)
    offered = _enrol(run, second, session)
    _enrol(run, third, session)
    run(enrolment_service.enrolment_withdraw, enrolment=taken, actor=first)
    offered.refresh_from_db()
    now = offered.offer_expires_at - datetime.timedelta(hours=3)
    for _ in range(2):  # safe to run twice
        run(notices.scheduled_notices_send, now=now)
    assert len(_messages(second, notices.OFFER_EXPIRING)) == 1
    later = offered.offer_expires_at + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        for _ in range(2):
            run(call_command, "send_scheduled_notices", verbosity=0)
    offered.refresh_from_db()
    assert offered.status == Status.WITHDRAWN
    assert len(_messages(second, notices.OFFER_EXPIRED)) == 1
    next_one = Enrolment.objects.get(trainee=third)
    assert next_one.status == Status.OFFERED
    assert len(_messages(third, notices.OFFERED)) == 1


def test_session_changed_and_cancelled_tell_everyone_with_a_place(run, session):
    first, second, gone = _people("en", "zh-hans", "en")
    _enrol(run, first, session)
    _enrol(run, second, session)
    left = _enrol(run, gone, session)
    run(enrolment_service.enrolment_withdraw, enrolment=left, actor=gone)
    run(
        session_changed.send,
        sender=type(session),
        session=session,
        changes={"starts_on": ["a", "b"]},
        actor=None,
    )
    run(
        session_cancelled.send,
        sender=type(session),
        session=session,
        reason="场地维修",
        actor=None,
    )
    run(
        session_cancelled.send,
        sender=type(session),
        session=session,
        reason="场地维修",
        actor=None,
    )
    for person in (first, second):
        assert len(_messages(person, notices.SESSION_CHANGED)) == 1
        assert len(_messages(person, notices.SESSION_CANCELLED)) == 1
    assert not _messages(gone, notices.SESSION_CHANGED)
    assert not _messages(gone, notices.SESSION_CANCELLED)
    assert "场地维修" in render(_messages(first, notices.SESSION_CANCELLED)[0]).text


def test_meeting_reminder_the_day_before_once(run, session):
    enrolled, waiting = _people("en", "en")
    _enrol(run, enrolled, session)
    _enrol(run, waiting, session)
    today = timezone.localdate()
    meeting = Meeting.objects.create(
        session=session,
        day=today + datetime.timedelta(days=1),
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(11, 0),
        room="三楼 301",
        room_en="Room 301, third floor",
    )
    Meeting.objects.create(
        session=session,
        day=today + datetime.timedelta(days=2),
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(11, 0),
    )
    for _ in range(2):
        run(call_command, "send_scheduled_notices", verbosity=0)
    [reminder] = _messages(enrolled, notices.MEETING_REMINDER)
    assert reminder.data["meeting_id"] == meeting.pk
    text = render(reminder).text
    assert "09:30" in text and "Room 301, third floor" in text
    assert not _messages(waiting, notices.MEETING_REMINDER)


def test_written_answer_marked_and_certificate_issued(run, site_pages):
    session = training_factories.session(lessons=1, name_en="Livestream selling")
    trainee = UserFactory(preferred_language="en")
    enrolment = _enrol(run, trainee, session)
    quiz = quiz_factories.quiz(
        session.course,
        questions=[quiz_factories.short("写一个卖点。")],
        pass_mark=100,
    )
    attempt = quiz_service.attempt_start(enrolment=enrolment, quiz=quiz, actor=trainee)
    [question] = quiz_questions(quiz)
    quiz_service.answer_save(attempt=attempt, question_id=question.id, text="答案")
    quiz_service.attempt_submit(attempt=attempt, actor=trainee)
    for lesson in course_lessons(enrolment):
        run(
            progress_service.lesson_completion_record,
            enrolment=enrolment,
            lesson=lesson,
            actor=trainee,
        )
    instructor = UserFactory()
    answer = QuizAnswer.objects.get(attempt=attempt)
    run(quiz_service.answer_mark, answer=answer, is_correct=True, actor=instructor)
    [marked] = _messages(trainee, notices.ANSWER_MARKED)
    assert marked.data["is_correct"] and marked.data["passed"]
    enrolment.refresh_from_db()
    assert enrolment.status == Status.COMPLETED
    [certificate] = _messages(trainee, notices.CERTIFICATE_ISSUED)
    code = enrolment.certificate.code
    assert certificate.data["code"] == code
    assert render(certificate).url == f"/en/certificates/{code}/"


def test_follow_ups_due_ask_trainees_and_tell_instructors_once(run, site_pages):
    today = timezone.localdate()
    ended = add_months(today, -3) - datetime.timedelta(days=2)
    session = training_factories.session(
        starts_on=ended - datetime.timedelta(days=60), ends_on=ended
    )
    instructor = StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR, base=session.base)
    session.instructors.add(instructor.user)
    due, reported = _people("en", "en")
    for person in (due, reported):
        Enrolment.objects.create(
            trainee=person,
            session=session,
            status=Status.COMPLETED,
            status_changed_at=timezone.now(),
        )
    Outcome.objects.create(
        enrolment=Enrolment.objects.get(trainee=reported),
        follow_up=3,
        status=Outcome.Status.EMPLOYED,
        recorded_on=today,
        recorded_by=instructor.user,
    )
    for _ in range(2):
        run(call_command, "send_scheduled_notices", verbosity=0)
    [ask] = _messages(due, notices.FOLLOWUP_REPORT)
    assert not _messages(reported, notices.FOLLOWUP_REPORT)
    enrolment = Enrolment.objects.get(trainee=due)
    with translation.override("en"):
        try:
            expected = reverse("followup_report", args=[enrolment.pk, 3])
        except NoReverseMatch:  # the trainee's report page is not there yet
            expected = reverse("my_learning")
    assert render(ask).url == expected
    [told] = _messages(instructor.user, notices.FOLLOWUP_DUE)
    assert told.data["due_count"] == 1
    assert told.data["due_on"] == add_months(ended, 3).isoformat()


def test_an_old_follow_up_is_not_announced(run, site_pages):
    ended = add_months(timezone.localdate(), -3) - datetime.timedelta(days=90)
    session = training_factories.session(
        starts_on=ended - datetime.timedelta(days=60), ends_on=ended
    )
    Enrolment.objects.create(
        trainee=UserFactory(),
        session=session,
        status=Status.COMPLETED,
        status_changed_at=timezone.now(),
    )
    run(call_command, "send_scheduled_notices", verbosity=0)
    assert not Notification.objects.exists()


def test_cancelling_through_the_service_tells_everyone_with_a_place(run, session):
    manager = StaffRoleFactory(role=StaffRole.Role.MANAGER, base=session.base).user
    first, second = _people("en", "zh-hans")
    _enrol(run, first, session)
    _enrol(run, second, session)
    for _ in range(2):
        run(session_cancel, session=session, reason="场地维修", actor=manager)
    for person in (first, second):
        assert len(_messages(person, notices.SESSION_CANCELLED)) == 1
