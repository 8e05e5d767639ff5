"""Quiz results and reviews show the quiz in the language the trainee took
it (issue 14), and a course not yet translated works through its alias in
the other language's tree exactly as through the original."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from courses.models import CoursePage, LessonPage, QuizPage
from courses.selectors import NOT_YET_TRANSLATED
from courses.services.mirrors import mirror_untranslated
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import soup
from training.models import LessonProgress, QuizAttempt
from training.selectors.quizzes import quiz_questions, quiz_shown
from training.services import quizzes
from training.services.enrolment import enrolment_create

pytestmark = pytest.mark.django_db

ENGLISH = {
    "question": "Question {n}: what do you do first?",
    "choice": "Answer {n}.{m}",
    "explanation": "Because it matters.",
}


@pytest.fixture
def session(site_pages):
    base = TrainingBaseFactory()
    course = course_factories.course(course_factories.base_section(base))
    course_factories.lesson(course, title="第一课")
    return training_factories.session(course=course, base=base)


@pytest.fixture
def enrolment(session):
    trainee = UserFactory(name="张伟")
    return enrolment_create(trainee=trainee, session=session, actor=trainee)


def _quiz(session, **kwargs) -> QuizPage:
    return quiz_factories.quiz(session.course, **kwargs)


def _in_english(quiz: QuizPage, *, same_questions: bool = True) -> QuizPage:
    """The quiz translated into English (as wagtail-localize does: the same
    block ids, English words)."""
    translated = quiz.copy_for_translation(
        course_factories.en_locale(), copy_parents=True
    )
    raw = list(translated.questions.raw_data)
    for n, block in enumerate(raw, start=1):
        value = dict(block["value"])
        value["question"] = ENGLISH["question"].format(n=n)
        if "choices" in value:
            value["choices"] = [
                {**item, "value": {**item["value"], "text": f"Answer {n}.{m}"}}
                for m, item in enumerate(value["choices"], start=1)
            ]
        if "explanation" in value:
            value["explanation"] = ENGLISH["explanation"]
        block["value"] = value
    if not same_questions:
        raw = raw[:-1]
    translated.title = "Unit one quiz"
    translated.questions = raw
    translated.save_revision().publish()
    return QuizPage.objects.get(pk=translated.pk)


def _answer_all(attempt, quiz):
    for question in quiz_questions(quiz):
        if question.is_choice:
            quizzes.answer_save(
                attempt=attempt,
                question_id=question.id,
                choice_ids=[sorted(question.correct_ids)[0]],
            )
        else:
            quizzes.answer_save(attempt=attempt, question_id=question.id, text="答")


def _taken(enrolment, quiz, language: str) -> QuizAttempt:
    trainee = enrolment.trainee
    with translation.override(language):
        attempt = quizzes.attempt_start(enrolment=enrolment, quiz=quiz, actor=trainee)
    _answer_all(attempt, quiz)
    return quizzes.attempt_submit(attempt=attempt, actor=trainee)


# The language is recorded --------------------------------------------------------


@pytest.mark.parametrize(("prefix", "expected"), [("en", "en"), ("zh-hans", "zh-hans")])
def test_starting_a_quiz_records_the_language_it_is_taken_in(
    client, session, enrolment, prefix, expected
):
    quiz = _quiz(session)
    client.force_login(enrolment.trainee)
    response = client.post(f"/{prefix}/quizzes/{quiz.pk}/start/")
    assert response.status_code == 302
    assert QuizAttempt.objects.get(quiz=quiz).language == expected


# Results and review in that language ---------------------------------------------


def test_results_of_a_quiz_taken_in_english_show_english_questions_on_chinese_page(
    client, session, enrolment
):
    quiz = _quiz(session)
    english = _in_english(quiz)
    attempt = _taken(enrolment, english, "en")
    assert attempt.language == "en"
    client.force_login(enrolment.trainee)
    doc = soup(client.get(f"/zh-hans/attempts/{attempt.pk}/results/"))
    assert doc.select_one("html")["lang"] == "zh-Hans"
    questions = doc.select(".quiz-review__question")
    assert [q.get_text(strip=True) for q in questions] == [
        ENGLISH["question"].format(n=n) for n in range(1, 5)
    ]
    assert all(q["lang"] == "en" for q in questions)
    assert doc.select_one(".page-header .meta").get_text(strip=True) == "Unit one quiz"


def test_results_of_a_quiz_taken_in_chinese_show_chinese_questions_on_english_page(
    client, session, enrolment
):
    quiz = _quiz(session)
    _in_english(quiz)
    attempt = _taken(enrolment, quiz, "zh-hans")
    client.force_login(enrolment.trainee)
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/results/"))
    questions = doc.select(".quiz-review__question")
    assert questions[0].get_text(strip=True).startswith("问题1")
    assert all(q["lang"] == "zh-Hans" for q in questions)


def test_review_before_submitting_shows_the_language_taken_in(
    client, session, enrolment
):
    quiz = _quiz(session)
    english = _in_english(quiz)
    with translation.override("en"):
        attempt = quizzes.attempt_start(
            enrolment=enrolment, quiz=english, actor=enrolment.trainee
        )
    client.force_login(enrolment.trainee)
    doc = soup(client.get(f"/zh-hans/attempts/{attempt.pk}/review/"))
    question = doc.select_one(".quiz-review__question")
    assert question.get_text(strip=True) == ENGLISH["question"].format(n=1)
    assert question["lang"] == "en"


def test_attempt_with_no_language_recorded_uses_its_quiz_pages_own(session, enrolment):
    quiz = _quiz(session)
    _in_english(quiz)
    attempt = _taken(enrolment, quiz, "zh-hans")
    QuizAttempt.objects.filter(pk=attempt.pk).update(language="")
    attempt.refresh_from_db()
    assert quiz_shown(attempt).pk == quiz.pk


def test_a_translation_with_other_questions_falls_back_to_the_quiz_taken(
    session, enrolment
):
    quiz = _quiz(session)
    _in_english(quiz, same_questions=False)
    attempt = _taken(enrolment, quiz, "zh-hans")
    QuizAttempt.objects.filter(pk=attempt.pk).update(language="en")
    attempt.refresh_from_db()
    assert quiz_shown(attempt).pk == quiz.pk


def _written(session, english: bool):
    trainee = UserFactory()
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    quiz = QuizPage.objects.child_of(session.course).filter(title="写作测验").first()
    if quiz is None:
        quiz = _quiz(
            session,
            title="写作测验",
            questions=[quiz_factories.short("写一个卖点。", "名称和卖点")],
        )
        _in_english(quiz)
    taken = (
        QuizPage.objects.get(
            translation_key=quiz.translation_key, locale__language_code="en"
        )
        if english
        else quiz
    )
    with translation.override("en" if english else "zh-hans"):
        attempt = quizzes.attempt_start(enrolment=enrolment, quiz=taken, actor=trainee)
    (question,) = quiz_questions(taken)
    quizzes.answer_save(attempt=attempt, question_id=question.id, text="My answer")
    quizzes.attempt_submit(attempt=attempt, actor=trainee)
    return attempt


def _count(client, url):
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_marking_page_shows_each_question_in_the_language_it_was_answered_in(
    client, session
):
    english = _written(session, english=True)
    chinese = _written(session, english=False)
    client.force_login(StaffRoleFactory(base=session.base).user)
    doc = soup(client.get("/zh-hans/teach/marking/"))
    questions = {
        section["aria-labelledby"]: section.select_one(".summary-list dd")
        for section in doc.select("section.marking")
    }
    asked = questions[f"answer-{english.answers.get().pk}-heading"]
    assert asked.get_text(strip=True) == ENGLISH["question"].format(n=1)
    assert asked["lang"] == "en"
    asked = questions[f"answer-{chinese.answers.get().pk}-heading"]
    assert asked.get_text(strip=True) == "写一个卖点。"
    assert not asked.has_attr("lang")
    small = _count(client, "/zh-hans/teach/marking/")
    for _ in range(3):
        _written(session, english=True)
        _written(session, english=False)
    assert _count(client, "/zh-hans/teach/marking/") == small


def test_results_page_runs_a_fixed_number_of_queries(client, session, enrolment):
    small_quiz = _quiz(session, questions=quiz_factories.standard_questions(2))
    large_quiz = _quiz(session, questions=quiz_factories.standard_questions(12))
    small = _taken(enrolment, _in_english(small_quiz), "en")
    large = _taken(enrolment, _in_english(large_quiz), "en")
    client.force_login(enrolment.trainee)
    assert _count(client, f"/zh-hans/attempts/{small.pk}/results/") == _count(
        client, f"/zh-hans/attempts/{large.pk}/results/"
    )


# Through an alias ----------------------------------------------------------------


@pytest.fixture
def mirrored(session):
    """The Chinese course, its lesson and a quiz mirrored into English."""
    quiz = _quiz(session)
    course_factories.base_section(session.base, language="en")
    mirror_untranslated(session.course)
    alias = CoursePage.objects.get(alias_of=session.course)
    return {
        "course": alias,
        "lesson": LessonPage.objects.child_of(alias).get(),
        "quiz": QuizPage.objects.child_of(alias).get(),
        "original_quiz": quiz,
    }


def test_a_lesson_done_on_the_english_alias_shows_done_in_both_languages(
    client, session, enrolment, mirrored
):
    client.force_login(enrolment.trainee)
    lesson = mirrored["lesson"]
    response = client.post(f"/en/lessons/{lesson.pk}/complete/")
    assert response.status_code == 302
    progress = LessonProgress.objects.get(enrolment=enrolment)
    assert progress.completed_at is not None
    assert progress.lesson.translation_key == lesson.translation_key
    original = LessonPage.objects.get(
        translation_key=lesson.translation_key, alias_of__isnull=True
    )
    for page in (lesson, original):
        doc = soup(client.get(page.get_url()))
        progress = doc.select_one(".lesson-progress")
        assert progress.select_one(".notice") is not None, page.url
        assert progress.select_one("form") is None, page.url


def test_a_quiz_taken_on_the_english_alias_counts_for_the_original(
    client, session, enrolment, mirrored
):
    client.force_login(enrolment.trainee)
    alias = mirrored["quiz"]
    response = client.post(f"/en/quizzes/{alias.pk}/start/")
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(enrolment=enrolment)
    assert (attempt.quiz_id, attempt.language) == (alias.pk, "en")
    # Starting again from the Chinese page continues the same attempt.
    client.post(f"/zh-hans/quizzes/{mirrored['original_quiz'].pk}/start/")
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1
    _answer_all(attempt, alias)
    quizzes.attempt_submit(attempt=attempt, actor=enrolment.trainee)
    original = soup(client.get(mirrored["original_quiz"].get_url()))
    assert original.select_one(
        f'.quiz-status a[href$="/attempts/{attempt.pk}/results/"]'
    )
    # The results, read on the English site, show the Chinese content (the
    # alias's) marked with its language.
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/results/"))
    question = doc.select_one(".quiz-review__question")
    assert question["lang"] == "zh-Hans"


def test_enrolling_from_the_english_alias_enrols_in_the_chinese_session(
    client, session, mirrored
):
    trainee = UserFactory()
    client.force_login(trainee)
    doc = soup(client.get(mirrored["course"].get_url()))
    form = doc.select_one(f'form[action="/en/sessions/{session.pk}/enrol/"]')
    assert form is not None
    response = client.post(form["action"])
    assert response.status_code == 302
    assert session.enrolments.filter(trainee=trainee).exists()
    doc = soup(client.get(mirrored["course"].get_url()))
    assert doc.select_one(f'form[action="/en/sessions/{session.pk}/enrol/"]') is None


def test_the_english_alias_quiz_page_marks_its_content(client, mirrored):
    doc = soup(client.get(mirrored["quiz"].get_url()))
    assert doc.select_one("main h1")["lang"] == "zh-Hans"
    with translation.override("en"):
        expected = str(NOT_YET_TRANSLATED["quizpage", "en"])
    assert doc.select_one(".content-language-note").get_text(strip=True) == expected
