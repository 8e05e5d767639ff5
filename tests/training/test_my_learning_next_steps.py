"""My learning without dead ends: per course, what is left and the next step,
the waiting-list position, offers with their deadline, paused quizzes, the
next meeting and the schedule, all in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses.models import LessonPage
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from tests.html import soup
from training.calendars import meeting_start
from training.models import (
    Certificate,
    Enrolment,
    LessonProgress,
    Meeting,
    Outcome,
    QuizAttempt,
    TrainingSession,
)

pytestmark = pytest.mark.django_db
Status = Enrolment.Status
TODAY = timezone.localdate


@pytest.fixture
def trainee(client, site_pages):
    user = UserFactory(name="王芳")
    client.force_login(user)
    return user


def _place(trainee, session, status=Status.ENROLLED, **fields) -> Enrolment:
    return Enrolment.objects.create(
        trainee=trainee,
        session=session,
        status=status,
        status_changed_at=timezone.now(),
        **fields,
    )


def _lessons(session) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(session.course).live().order_by("path"))


def _complete(enrolment, lessons) -> None:
    now = timezone.now()
    for lesson in lessons:
        LessonProgress.objects.create(
            enrolment=enrolment, lesson=lesson, first_opened_at=now, completed_at=now
        )


def _attempt(enrolment, quiz, **fields) -> QuizAttempt:
    return QuizAttempt.objects.create(
        enrolment=enrolment, quiz=quiz, started_at=timezone.now(), **fields
    )


def _meeting(session, days: int, **fields) -> Meeting:
    return Meeting.objects.create(
        session=session,
        day=TODAY() + datetime.timedelta(days=days),
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(11, 0),
        **fields,
    )


def _card(client, session):
    response = client.get("/en/learning/")
    assert response.status_code == 200
    for card in soup(response).select(".card"):
        if session.name in card.get_text():
            return card
    raise AssertionError(f"no card for {session.name}")


# Each case: builds the situation, returns (session, what the card says,
# the link it must have or None).


def _lessons_left(trainee):
    session = training_factories.session(lessons=4, name="三课剩下")
    enrolment = _place(trainee, session)
    _complete(enrolment, _lessons(session)[:1])
    return session, "3 lessons left", None


def _one_lesson_left(trainee):
    session = training_factories.session(lessons=2, name="一课剩下")
    enrolment = _place(trainee, session)
    _complete(enrolment, _lessons(session)[:1])
    return session, "1 lesson left", None


def _quiz_needed(trainee):
    session = training_factories.session(lessons=1, name="要考试")
    quiz = quiz_factories.quiz(session.course, title="期末测验")
    enrolment = _place(trainee, session)
    _complete(enrolment, _lessons(session))
    return session, "Pass the quiz: 期末测验", quiz.url


def _failed_quiz_is_still_needed(trainee):
    session = training_factories.session(lessons=1, name="再考一次")
    quiz = quiz_factories.quiz(session.course, title="补考测验")
    enrolment = _place(trainee, session)
    _complete(enrolment, _lessons(session))
    _attempt(enrolment, quiz, submitted_at=timezone.now(), passed=False)
    return session, "Pass the quiz: 补考测验", quiz.url


def _awaiting_marking(trainee):
    session = training_factories.session(lessons=1, name="等批改")
    quiz = quiz_factories.quiz(
        session.course, title="写作测验", questions=[quiz_factories.short("为什么？")]
    )
    enrolment = _place(trainee, session)
    _complete(enrolment, _lessons(session))
    _attempt(enrolment, quiz, submitted_at=timezone.now(), needs_marking=True)
    return session, "Your written answer is waiting to be marked (写作测验).", None


def _paused(trainee):
    session = training_factories.session(lessons=1, name="暂停了")
    quiz = quiz_factories.quiz(session.course, title="暂停测验")
    enrolment = _place(trainee, session)
    attempt = _attempt(enrolment, quiz, paused_at=timezone.now())
    return (
        session,
        "Resume the paused quiz: 暂停测验",
        f"/en/attempts/{attempt.pk}/paused/",
    )


def _not_started(trainee):
    session = training_factories.session(
        lessons=1,
        name="还没开始",
        starts_on=TODAY() + datetime.timedelta(days=10),
        ends_on=TODAY() + datetime.timedelta(days=40),
    )
    meeting = _meeting(session, 10, room="五号教室", room_en="Room 5")
    _meeting(session, 17)
    _place(trainee, session)
    with translation.override("en"):
        day = date_format(meeting.day, "DATE_FORMAT")
    return (
        session,
        f"Your place is confirmed; the first meeting is on {day}, 09:30–11:00, Room 5",
        None,
    )


def _waitlisted(trainee):
    session = training_factories.session(lessons=1, capacity=1, name="候补中")
    _place(UserFactory(), session)
    _place(UserFactory(), session, Status.WAITLISTED)
    _place(UserFactory(), session, Status.WAITLISTED)
    _place(trainee, session, Status.WAITLISTED)
    _place(UserFactory(), session, Status.WAITLISTED)
    return session, "You are number 3 on the waiting list.", None


def _offered(trainee):
    session = training_factories.session(lessons=1, name="有空位")
    enrolment = _place(
        trainee,
        session,
        Status.OFFERED,
        offer_expires_at=timezone.now() + datetime.timedelta(days=2),
    )
    return (
        session,
        "A place is free for you. Accept it by",
        (f"/en/enrolments/{enrolment.pk}/offer/"),
    )


def _finished(trainee):
    session = training_factories.session(lessons=1, name="已完成")
    enrolment = _place(trainee, session, Status.COMPLETED, completed_at=timezone.now())
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        code="ABCD2345EFGH",
        issued_at=timezone.now(),
        trainee_name="王芳",
        course_title="课程",
        base_name="基地",
    )
    return (
        session,
        "You have finished this course.",
        f"/en/certificates/{certificate.code}/",
    )


def _follow_up_due(trainee):
    """Ended seven months ago, the 3-month follow-up answered: the 6-month one
    is the trainee's to report."""
    session = training_factories.session(
        lessons=1,
        name="回访",
        starts_on=TODAY() - datetime.timedelta(days=300),
        ends_on=TODAY() - datetime.timedelta(days=215),
    )
    enrolment = _place(trainee, session, Status.COMPLETED, completed_at=timezone.now())
    Outcome.objects.create(
        enrolment=enrolment,
        follow_up=3,
        status=Outcome.Status.EMPLOYED,
        recorded_on=TODAY() - datetime.timedelta(days=100),
        recorded_by=UserFactory(),
    )
    return (
        session,
        "Tell your base where you are now, 6 months after the session",
        f"/en/follow-ups/{enrolment.pk}/6/",
    )


def _cancelled(trainee):
    session = training_factories.session(
        lessons=1,
        name="取消了",
        status=TrainingSession.Status.CANCELLED,
        cancelled_at=timezone.now(),
        cancel_reason="The room is being repaired.",
    )
    _meeting(session, 3)
    _place(trainee, session)
    return session, "This session is cancelled. The room is being repaired.", None


def _applied(trainee):
    session = training_factories.session(lessons=1, name="申请中")
    _place(trainee, session, Status.APPLIED)
    return session, "Your application is with the base.", None


def _all_done_but_not_completed(trainee):
    session = training_factories.session(lessons=1, name="都做完了")
    enrolment = _place(trainee, session)
    _complete(enrolment, _lessons(session))
    return session, "You have done every lesson and quiz.", None


def _nothing_published(trainee):
    session = training_factories.session(lessons=0, name="还没有课")
    _place(trainee, session)
    return session, "The lessons of this course are not ready yet.", None


CASES = [
    _lessons_left,
    _one_lesson_left,
    _quiz_needed,
    _failed_quiz_is_still_needed,
    _awaiting_marking,
    _paused,
    _not_started,
    _waitlisted,
    _offered,
    _finished,
    _follow_up_due,
    _cancelled,
    _applied,
    _all_done_but_not_completed,
    _nothing_published,
]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__.strip("_") for c in CASES])
def test_each_course_says_what_is_next(client, trainee, case):
    session, words, link = case(trainee)
    card = _card(client, session)
    text = " ".join(card.get_text(" ", strip=True).split())
    # A name in the other language is its own element (lang): no space is
    # meant inside the brackets around it.
    text = text.replace("( ", "(").replace(" )", ")")
    assert words in text
    if link is not None:
        hrefs = [a["href"] for a in card.select("a[href]")] + [
            form["action"] for form in card.select("form[action]")
        ]
        assert any(href.startswith(link) for href in hrefs), hrefs


def test_lessons_before_the_quiz_both_listed(client, trainee):
    session = training_factories.session(lessons=2, name="课和考试")
    quiz_factories.quiz(session.course, title="单元测验")
    _place(trainee, session)
    items = [
        " ".join(li.get_text(" ", strip=True).split())
        for li in _card(client, session).select("ul.plain-list > li")
    ]
    assert items[:2] == ["2 lessons left", "Pass the quiz: 单元测验"]


def test_next_meeting_schedule_and_calendar_link(client, trainee):
    session = training_factories.session(lessons=1, name="有课表")
    _meeting(session, -3)  # past: not in the schedule
    soon = _meeting(session, 2, online_link="https://meet.example.org/x")
    _meeting(session, 9)
    _place(trainee, session)
    response = client.get("/en/learning/")
    page = soup(response)
    next_section = page.select_one("section[aria-labelledby=meeting-heading]")
    assert soon.day.isoformat() in next_section.select_one("time")["datetime"]
    assert next_section.select_one('a[href="/en/learning/calendar/"]')
    card = _card(client, session)
    schedule = card.select_one("details")
    assert "2 meetings to come" in schedule.select_one("summary").get_text()
    assert len(schedule.select("li")) == 2
    assert schedule.select_one(f'a[href="/en/sessions/{session.pk}/calendar.ics"]')
    assert card.select_one('a[href="https://meet.example.org/x"]')


def test_no_meetings_says_so(client, trainee):
    session = training_factories.session(lessons=1, name="没有会面")
    _place(trainee, session)
    text = soup(client.get("/en/learning/")).get_text(" ", strip=True)
    assert "You have no meetings coming up." in text


def _page_queries(client) -> int:
    client.get("/en/learning/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/learning/")
    assert response.status_code == 200
    return len(captured)


def _world(trainee, number: int) -> None:
    """`number` courses each with lessons, a quiz, attempts and meetings, in
    every kind of place."""
    for n in range(number):
        session = training_factories.session(lessons=3, name=f"班{number}-{n}")
        quiz = quiz_factories.quiz(session.course, title=f"测验{n}")
        enrolment = _place(trainee, session)
        _complete(enrolment, _lessons(session)[:2])
        _attempt(enrolment, quiz, paused_at=timezone.now())
        for day in range(3):
            _meeting(session, day + 1)
        waiting = training_factories.session(lessons=1, capacity=1, name=f"候{n}")
        _place(UserFactory(), waiting)
        _place(trainee, waiting, Status.WAITLISTED)
        ended = training_factories.session(
            lessons=1,
            name=f"完{n}",
            starts_on=TODAY() - datetime.timedelta(days=200),
            ends_on=TODAY() - datetime.timedelta(days=100),
        )
        _place(trainee, ended, Status.COMPLETED, completed_at=timezone.now())


def test_my_learning_runs_the_same_number_of_queries_at_two_sizes(client, trainee):
    _world(trainee, 1)
    small = _page_queries(client)
    _world(trainee, 4)
    assert _page_queries(client) == small


# What templates/training/learning/_meeting_when.html was, before the
# meeting_when tag replaced it: the tag must give the same HTML.
MEETING_WHEN_TEMPLATE = (
    "{% load i18n lang_tags %}"
    '<time datetime="{{ meeting.start|date:\'c\' }}">{{ meeting.day|date:"l" }} '
    '{{ meeting.day|date:"DATE_FORMAT" }}, {{ meeting.starts_at|time:"H:i" }}–'
    '{{ meeting.ends_at|time:"H:i" }}</time>'
    "{% if meeting.place %}, {{ meeting.place|inlang }}{% endif %}"
)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "place",
    [
        "",
        "教室 3, 重庆职业培训基地",
        "Room 3 & <annex>",
        "https://meet.example.org/a?b=1&c=2",
    ],
)
def test_the_meeting_tag_is_the_include_it_replaced(language, place):
    meeting = Meeting(
        day=TODAY() + datetime.timedelta(days=9),
        starts_at=datetime.time(9, 5),
        ends_at=datetime.time(16, 30),
    )
    meeting.start = meeting_start(meeting)
    meeting.place = place
    with translation.override(language):
        context = Context({"meeting": meeting})
        old = Template(MEETING_WHEN_TEMPLATE).render(context)
        new = Template("{% load training_tags %}{% meeting_when meeting %}").render(
            context
        )
    assert new == old
    assert "09:05–16:30" in new


def test_the_courses_lessons_are_kept_and_follow_a_new_or_withdrawn_lesson(
    client, trainee
):
    session = training_factories.session(lessons=3, name="课程结构")
    _place(trainee, session)
    assert "3 lessons left" in _card(client, session).get_text(" ")
    with CaptureQueriesContext(connection) as queries:
        assert "3 lessons left" in _card(client, session).get_text(" ")
    assert not any('FROM "wagtailcore_page"' in q["sql"] for q in queries)
    # A lesson published, then one unpublished: counted at the next visit.
    course_factories.lesson(session.course, title="第四课")
    assert "4 lessons left" in _card(client, session).get_text(" ")
    _lessons(session)[0].unpublish()
    assert "3 lessons left" in _card(client, session).get_text(" ")
