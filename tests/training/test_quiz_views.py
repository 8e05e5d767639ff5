import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AccessNeeds, StaffRole
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import (
    StaffRoleFactory,
    TrainingBaseFactory,
    UserFactory,
)
from tests.html import assert_accessible_shell, soup
from tests.shared_data import fresh, shared_data
from training.models import Enrolment, QuizAnswer, QuizAttempt
from training.selectors.learning import course_lessons
from training.selectors.quizzes import quiz_questions
from training.services import quizzes
from training.services.enrolment import enrolment_create
from training.services.progress import lesson_completion_record

pytestmark = pytest.mark.django_db


def _english_session(**kwargs):
    base = TrainingBaseFactory()
    course = course_factories.course(
        course_factories.base_section(base, language="en"), title="Livestream basics"
    )
    course_factories.lesson(course, title="Set up your room")
    return training_factories.session(course=course, base=base, **kwargs)


@pytest.fixture(scope="module")
def _session(django_db_setup, django_db_blocker):
    # Built once for the module (tests/shared_data.py); each test rolls back
    # to it and gets its own copy of the objects.
    with shared_data(django_db_blocker):
        yield _english_session()


@pytest.fixture
def session(_session, db):
    return fresh(_session)


@pytest.fixture
def trainee(client, session):
    user = UserFactory(name="张伟")
    enrolment_create(trainee=user, session=session, actor=user)
    client.force_login(user)
    return user


def _quiz(session, **kwargs):
    return quiz_factories.quiz(session.course, **kwargs)


def _start(client, quiz) -> QuizAttempt:
    response = client.post(f"/en/quizzes/{quiz.pk}/start/")
    assert response.status_code == 302
    return QuizAttempt.objects.get(quiz=quiz, submitted_at__isnull=True)


def _choice_id(question, right=True):
    if right:
        return sorted(question.correct_ids)[0]
    return next(pk for pk, _ in question.choices if pk not in question.correct_ids)


# The quiz page -------------------------------------------------------------------


def test_quiz_page_says_how_the_quiz_works_and_offers_start(client, session, trainee):
    quiz = _quiz(session, time_limit_minutes=20, pass_mark=60)
    response = client.get(quiz.get_url())
    doc = assert_accessible_shell(response, lang="en")
    text = doc.select_one("main").get_text(" ", strip=True)
    assert "4 questions" in text
    assert "60% of the questions right" in text
    assert "20 minutes" in text
    assert "extra time" in text
    assert "pause" in text
    assert "Your time: 20 minutes." in text
    form = doc.select_one(f'form[action="/en/quizzes/{quiz.pk}/start/"]')
    assert form.select_one("button").get_text(strip=True) == "Start the quiz"


def test_quiz_page_shows_extra_time_for_the_trainee(client, session, trainee):
    AccessNeeds.objects.create(
        user=trainee,
        consent_given_at=timezone.now(),
        extra_time=True,
        extra_time_factor="1.5",
    )
    quiz = _quiz(session, time_limit_minutes=20)
    text = soup(client.get(quiz.get_url())).select_one(".quiz-status").get_text()
    assert "Your time: 30 minutes." in text
    assert "includes your extra time" in text


def test_quiz_page_for_visitors_and_people_not_enrolled(client, session):
    quiz = _quiz(session)
    doc = soup(client.get(quiz.get_url()))
    assert doc.select_one(".quiz-status a")["href"].startswith("/en/accounts/login/")
    client.force_login(UserFactory())
    doc = soup(client.get(quiz.get_url()))
    assert "Enrol in a session" in doc.select_one(".quiz-status").get_text()
    assert not doc.select(".quiz-status form")
    response = client.post(f"/en/quizzes/{quiz.pk}/start/")
    assert response.status_code == 302
    assert not QuizAttempt.objects.exists()


def test_continue_then_results_on_the_quiz_page(client, session, trainee):
    quiz = _quiz(session)
    attempt = _start(client, quiz)
    doc = soup(client.get(quiz.get_url()))
    assert doc.select_one(".quiz-status a.button")["href"] == (
        f"/en/attempts/{attempt.pk}/"
    )
    quizzes.attempt_submit(attempt=attempt, actor=trainee)
    doc = soup(client.get(quiz.get_url()))
    status = doc.select_one(".quiz-status")
    assert "0 of 4 right, 0%" in status.get_text()
    assert status.select_one(f'a[href="/en/attempts/{attempt.pk}/results/"]')
    assert status.select_one("form button").get_text(strip=True) == (
        "Try the quiz again"
    )


def test_course_page_lists_its_published_quizzes(client, session, trainee):
    quiz = _quiz(session, title="第一单元测验")
    _quiz(session, title="草稿", live=False)
    doc = soup(client.get(session.course.get_url()))
    heading = next(h for h in doc.select("h2") if h.get_text() == "Assessments")
    links = heading.find_next("ul").select("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("第一单元测验", quiz.get_url())
    ]


# Taking the quiz one question per page ----------------------------------------------


def test_a_question_is_a_fieldset_with_the_question_as_legend(client, session, trainee):
    quiz = _quiz(session)
    attempt = _start(client, quiz)
    response = client.get(f"/en/attempts/{attempt.pk}/questions/1/")
    doc = assert_accessible_shell(response, lang="en")
    fieldset = doc.select_one("form fieldset.question")
    legend = fieldset.select_one("legend").get_text(" ", strip=True)
    assert legend.startswith("Question 1 of 4")
    assert "直播前先做什么" in legend
    radios = fieldset.select("input[type=radio]")
    assert len(radios) == 2
    for radio in radios:
        label = doc.select_one(f'label[for="{radio["id"]}"]')
        assert label.get_text(strip=True)
    assert "no time limit" in doc.select_one(".quiz-time").get_text()
    buttons = [b.get_text(strip=True) for b in doc.select("form button")]
    assert buttons[0] == "Save and go to the next question", "Enter saves and goes on"
    assert "Skip this question for now" in buttons
    assert "Pause the quiz" in buttons


def test_multiple_choice_uses_checkboxes_and_short_answer_a_labelled_textarea(
    client, session, trainee
):
    quiz = _quiz(
        session,
        questions=[
            quiz_factories.multiple("哪些？", ["甲", "乙"], ["丙"]),
            quiz_factories.short("写一个卖点。"),
        ],
    )
    attempt = _start(client, quiz)
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/questions/1/"))
    assert len(doc.select("fieldset.question input[type=checkbox]")) == 3
    assert "Choose every answer that is right." in doc.select_one("fieldset").text
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/questions/2/"))
    textarea = doc.select_one("fieldset.question textarea")
    label = doc.select_one(f'label[for="{textarea["id"]}"]')
    assert label.get_text(strip=True) == "Your answer"


def test_next_without_an_answer_explains_and_skip_moves_on(client, session, trainee):
    quiz = _quiz(session)
    attempt = _start(client, quiz)
    url = f"/en/attempts/{attempt.pk}/questions/1/"
    response = client.post(url, {"action": "next"})
    assert response.status_code == 200
    doc = soup(response)
    assert doc.title.get_text().startswith("Error:")
    summary = doc.select_one(".error-summary")
    link = summary.select_one("a")
    assert link["href"] == "#id_question-1_0"
    assert "Choose an answer, or skip this question for now." in link.get_text()
    fieldset = doc.select_one("fieldset.question")
    assert fieldset["aria-describedby"] == "id_question-1_error"
    assert doc.select_one("#id_question-1_error")
    response = client.post(url, {"action": "skip"})
    assert response["Location"] == f"/en/attempts/{attempt.pk}/questions/2/"
    assert not QuizAnswer.objects.exists()


def test_answers_are_saved_as_you_go_and_previous_keeps_them(client, session, trainee):
    quiz = _quiz(session)
    attempt = _start(client, quiz)
    first, second, *_ = quiz_questions(quiz)
    response = client.post(
        f"/en/attempts/{attempt.pk}/questions/1/",
        {"action": "next", "question-1": _choice_id(first)},
    )
    assert response["Location"] == f"/en/attempts/{attempt.pk}/questions/2/#notice"
    assert QuizAnswer.objects.get().choice_ids == [_choice_id(first)]
    response = client.post(
        f"/en/attempts/{attempt.pk}/questions/2/",
        {"action": "previous", "question-2": list(second.correct_ids)},
    )
    assert response["Location"] == f"/en/attempts/{attempt.pk}/questions/1/"
    assert QuizAnswer.objects.count() == 2
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/questions/1/"))
    assert doc.select_one("input[type=radio][checked]")["value"] == _choice_id(first)
    # Continuing goes to the first question not yet answered.
    response = client.get(f"/en/attempts/{attempt.pk}/")
    assert response["Location"] == f"/en/attempts/{attempt.pk}/questions/3/"


def test_the_last_question_leads_to_the_review(client, session, trainee):
    quiz = _quiz(session, questions=quiz_factories.standard_questions(1))
    attempt = _start(client, quiz)
    (question,) = quiz_questions(quiz)
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/questions/1/"))
    assert doc.select_one("form button").get_text(strip=True) == (
        "Save and check your answers"
    )
    response = client.post(
        f"/en/attempts/{attempt.pk}/questions/1/",
        {"action": "review", "question-1": _choice_id(question)},
    )
    assert response["Location"] == f"/en/attempts/{attempt.pk}/review/#notice"
    assert client.get(f"/en/attempts/{attempt.pk}/questions/2/").status_code == 404


# All questions on one page -------------------------------------------------------


def test_all_questions_on_one_page_keep_input_on_error(client, session, trainee):
    questions = [*quiz_factories.standard_questions(2), quiz_factories.short("写。")]
    quiz = _quiz(session, questions=questions, one_question_per_page=False)
    attempt = _start(client, quiz)
    response = client.get(f"/en/attempts/{attempt.pk}/")
    assert response["Location"] == f"/en/attempts/{attempt.pk}/questions/"
    doc = soup(client.get(response["Location"]))
    assert len(doc.select("form fieldset.question")) == 3
    first = quiz_questions(quiz)[0]
    response = client.post(
        f"/en/attempts/{attempt.pk}/questions/",
        {
            "action": "review",
            "question-1": _choice_id(first),
            "question-3": "长" * 2001,
        },
    )
    assert response.status_code == 200
    doc = soup(response)
    assert doc.select_one(".error-summary a")["href"] == "#id_question-3"
    assert doc.select_one("input[type=radio][checked]")["value"] == _choice_id(first)
    assert not QuizAnswer.objects.exists()
    response = client.post(
        f"/en/attempts/{attempt.pk}/questions/",
        {"action": "review", "question-1": _choice_id(first), "question-3": "好"},
    )
    assert response["Location"] == f"/en/attempts/{attempt.pk}/review/#notice"
    assert QuizAnswer.objects.count() == 2


# Review, submit, results ---------------------------------------------------------


def _answer_all(attempt, quiz, right: int):
    for index, question in enumerate(quiz_questions(quiz)):
        ids = (
            list(question.correct_ids)
            if index < right
            else [_choice_id(question, right=False)]
        )
        quizzes.answer_save(attempt=attempt, question_id=question.id, choice_ids=ids)


def test_review_lists_every_answer_with_a_link_to_change_it(client, session, trainee):
    quiz = _quiz(session)
    attempt = _start(client, quiz)
    first = quiz_questions(quiz)[0]
    quizzes.answer_save(
        attempt=attempt, question_id=first.id, choice_ids=[_choice_id(first)]
    )
    response = client.get(f"/en/attempts/{attempt.pk}/review/")
    doc = assert_accessible_shell(response, lang="en")
    items = doc.select(".quiz-review__item")
    assert len(items) == 4
    assert "Your answer: 检查网络" in items[0].get_text(" ", strip=True)
    assert "Not answered yet." in items[1].get_text()
    assert items[1].select_one("a")["href"] == f"/en/attempts/{attempt.pk}/questions/2/"
    assert "You have not answered 3 questions" in doc.text
    submit = doc.select_one(f'form[action="/en/attempts/{attempt.pk}/submit/"]')
    assert submit is not None
    assert "you cannot change your answers" in doc.select_one(".quiz-submit").text


def test_submit_shows_the_score_and_why_for_each_question(client, session, trainee):
    quiz = _quiz(session, questions=quiz_factories.standard_questions(10))
    attempt = _start(client, quiz)
    _answer_all(attempt, quiz, right=7)
    response = client.post(f"/en/attempts/{attempt.pk}/submit/")
    assert response["Location"] == f"/en/attempts/{attempt.pk}/results/"
    # Submitting again (a double click) changes nothing.
    client.post(f"/en/attempts/{attempt.pk}/submit/")
    assert QuizAttempt.objects.count() == 1
    response = client.get(f"/en/attempts/{attempt.pk}/results/")
    doc = assert_accessible_shell(response, lang="en")
    result = doc.select_one(".quiz-result").get_text(" ", strip=True)
    assert "7 of 10 right, 70%" in result
    assert "You passed. The pass mark is 70%." in result
    items = doc.select(".quiz-review__item")
    assert "right" in items[0].select_one("h3").get_text()
    wrong = items[9].get_text(" ", strip=True)
    assert "not right" in items[9].select_one("h3").get_text()
    assert "The right answer: 检查网络" in wrong
    assert "Why: 网络要稳定。" in wrong
    # Answers are locked: the question pages now lead to the results.
    response = client.get(f"/en/attempts/{attempt.pk}/questions/1/")
    assert response["Location"] == f"/en/attempts/{attempt.pk}/results/"


def test_a_failed_attempt_offers_a_retry(client, session, trainee):
    quiz = _quiz(session)
    attempt = _start(client, quiz)
    _answer_all(attempt, quiz, right=1)
    client.post(f"/en/attempts/{attempt.pk}/submit/")
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/results/"))
    assert "did not reach the pass mark of 70%" in doc.select_one(".quiz-result").text
    retry = doc.select_one(f'form[action="/en/quizzes/{quiz.pk}/start/"]')
    assert retry is not None
    client.post(f"/en/quizzes/{quiz.pk}/start/")
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 2


def test_passing_the_last_quiz_completes_the_course(client, session, trainee):
    enrolment = Enrolment.objects.get(trainee=trainee)
    for lesson in course_lessons(enrolment):
        lesson_completion_record(enrolment=enrolment, lesson=lesson, actor=trainee)
    quiz = _quiz(session)
    attempt = _start(client, quiz)
    _answer_all(attempt, quiz, right=4)
    client.post(f"/en/attempts/{attempt.pk}/submit/")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


# Time ----------------------------------------------------------------------------


def test_pause_and_continue(client, session, trainee):
    quiz = _quiz(session, time_limit_minutes=10)
    attempt = _start(client, quiz)
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/questions/1/"))
    assert "About 10 minutes left." in doc.select_one(".quiz-time").get_text()
    response = client.post(
        f"/en/attempts/{attempt.pk}/questions/1/", {"action": "pause"}
    )
    assert response["Location"] == f"/en/attempts/{attempt.pk}/paused/#notice"
    response = client.get(f"/en/attempts/{attempt.pk}/questions/1/")
    assert response["Location"] == f"/en/attempts/{attempt.pk}/paused/"
    doc = assert_accessible_shell(client.get(response["Location"]), lang="en")
    assert "The clock has stopped" in doc.text
    response = client.post(f"/en/attempts/{attempt.pk}/paused/", {"action": "resume"})
    assert response["Location"] == f"/en/attempts/{attempt.pk}/questions/1/"


def test_time_up_keeps_answers_and_leads_to_review_and_submit(client, session, trainee):
    quiz = _quiz(session, time_limit_minutes=10)
    attempt = _start(client, quiz)
    first = quiz_questions(quiz)[0]
    client.post(
        f"/en/attempts/{attempt.pk}/questions/1/",
        {"action": "next", "question-1": _choice_id(first)},
    )
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        clock_started_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    response = client.get(f"/en/attempts/{attempt.pk}/questions/2/")
    assert response["Location"] == f"/en/attempts/{attempt.pk}/review/"
    doc = soup(client.get(response["Location"]))
    assert "The time for this quiz is up." in doc.select_one(".quiz-time").text
    assert "Your answer: 检查网络" in doc.select(".quiz-review__item")[0].get_text(
        " ", strip=True
    )
    client.post(f"/en/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    assert (attempt.score, attempt.submitted_at is not None) == (1, True)


# Permissions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/"),
        ("get", "/questions/"),
        ("get", "/questions/1/"),
        ("post", "/questions/1/"),
        ("get", "/paused/"),
        ("post", "/paused/"),
        ("get", "/review/"),
        ("post", "/submit/"),
        ("get", "/results/"),
    ],
)
def test_another_trainees_attempt_is_not_found(client, session, method, path):
    owner = UserFactory()
    enrolment = enrolment_create(trainee=owner, session=session, actor=owner)
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=_quiz(session), actor=owner
    )
    other = UserFactory()
    enrolment_create(trainee=other, session=session, actor=other)
    client.force_login(other)
    response = getattr(client, method)(f"/en/attempts/{attempt.pk}{path}")
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.paused_at is None


# Marking -------------------------------------------------------------------------


def _written(session, trainee=None):
    trainee = trainee or UserFactory(name="李雷")
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    quiz = _quiz(
        session, questions=[quiz_factories.short("写一个卖点。", "名称和卖点")]
    )
    attempt = quizzes.attempt_start(enrolment=enrolment, quiz=quiz, actor=trainee)
    (question,) = quiz_questions(quiz)
    answer = quizzes.answer_save(
        attempt=attempt, question_id=question.id, text="这是我的回答"
    )
    quizzes.attempt_submit(attempt=attempt, actor=trainee)
    return answer


def test_marking_page_lists_answers_for_own_sessions_only(client, session):
    answer = _written(session)
    elsewhere = _written(_english_session())
    instructor = StaffRoleFactory(base=session.base).user
    client.force_login(instructor)
    response = client.get("/en/teach/marking/")
    doc = assert_accessible_shell(response, lang="en")
    sections = doc.select("section.marking")
    assert len(sections) == 1
    assert "这是我的回答" in sections[0].text
    assert "名称和卖点" in sections[0].text
    legend = sections[0].select_one("fieldset legend")
    assert "Is this answer correct?" in legend.get_text()
    assert sections[0].select_one(f'input[name=answer][value="{answer.pk}"]')
    assert elsewhere.pk != answer.pk


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 403), ("instructor", 200), ("manager", 200), ("federation_admin", 200)],
)
def test_who_may_open_the_marking_page(client, session, role, status):
    user = UserFactory()
    if role == "federation_admin":
        StaffRole.objects.create(user=user, role=role)
    elif role:
        StaffRole.objects.create(user=user, role=role, base=session.base)
    client.force_login(user)
    assert client.get("/en/teach/marking/").status_code == status


def test_marking_an_answer_makes_the_result_final(client, session):
    answer = _written(session)
    instructor = StaffRoleFactory(base=session.base).user
    client.force_login(instructor)
    prefix = f"answer-{answer.pk}"
    response = client.post("/en/teach/marking/", {"answer": answer.pk})
    assert response.status_code == 200
    summary = soup(response).select_one(".error-summary")
    assert "Choose correct or not correct." in summary.text
    response = client.post(
        "/en/teach/marking/",
        {"answer": answer.pk, f"{prefix}-verdict": "yes", f"{prefix}-comment": "好"},
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.is_correct, answer.marked_by, answer.comment) == (
        True,
        instructor,
        "好",
    )
    assert answer.attempt.passed is True
    assert not soup(client.get("/en/teach/marking/")).select("section.marking")


def test_an_instructor_elsewhere_cannot_mark(client, session):
    answer = _written(session)
    client.force_login(StaffRoleFactory().user)
    response = client.post(
        "/en/teach/marking/",
        {"answer": answer.pk, f"answer-{answer.pk}-verdict": "yes"},
    )
    assert response.status_code == 404
    answer.refresh_from_db()
    assert answer.is_correct is None


# Query counts --------------------------------------------------------------------


def _count(client, url: str) -> int:
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _counts(client, session, trainee, size: int) -> dict:
    quiz = _quiz(
        session,
        title=f"测验 {size}",
        questions=[
            *quiz_factories.standard_questions(size),
            quiz_factories.short("写"),
        ],
        one_question_per_page=True,
    )
    attempt = _start(client, quiz)
    _answer_all_but_short(attempt, quiz)
    counts = {
        "quiz page": _count(client, quiz.get_url()),
        "question": _count(client, f"/en/attempts/{attempt.pk}/questions/2/"),
        "all questions": _count(client, f"/en/attempts/{attempt.pk}/questions/"),
        "review": _count(client, f"/en/attempts/{attempt.pk}/review/"),
    }
    quizzes.attempt_submit(attempt=attempt, actor=trainee)
    counts["results"] = _count(client, f"/en/attempts/{attempt.pk}/results/")
    return counts


def _answer_all_but_short(attempt, quiz):
    for question in quiz_questions(quiz):
        if question.is_choice:
            quizzes.answer_save(
                attempt=attempt,
                question_id=question.id,
                choice_ids=sorted(question.correct_ids)[:1],
            )
        else:
            quizzes.answer_save(attempt=attempt, question_id=question.id, text="答")


def test_quiz_pages_run_a_fixed_number_of_queries(client, session, trainee):
    small = _counts(client, session, trainee, 3)
    large = _counts(client, session, trainee, 15)
    assert small == large


def test_marking_page_runs_a_fixed_number_of_queries(client, session):
    _written(session)
    instructor = StaffRoleFactory(base=session.base).user
    client.force_login(instructor)
    small = _count(client, "/en/teach/marking/")
    for _ in range(4):
        _written(session)
    assert _count(client, "/en/teach/marking/") == small
