import datetime

import pytest
from django.utils import timezone

from accounts.models import AccessNeeds
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from tests.factories.courses import en_locale
from tests.shared_data import fresh, shared_data
from training.models import AuditEntry, Certificate, Enrolment, QuizAnswer, QuizAttempt
from training.selectors.learning import course_lessons
from training.selectors.quizzes import quiz_questions
from training.services import quizzes
from training.services.enrolment import enrolment_create
from training.services.progress import lesson_completion_record

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _enrolment(django_db_setup, django_db_blocker):
    # Built once for the module (tests/shared_data.py); each test rolls back
    # to it and gets its own copy of the objects.
    with shared_data(django_db_blocker):
        session = training_factories.session(lessons=2)
        trainee = UserFactory()
        yield enrolment_create(trainee=trainee, session=session, actor=trainee)


@pytest.fixture
def enrolment(_enrolment, db):
    return fresh(_enrolment)


def _quiz(enrolment, **kwargs):
    return quiz_factories.quiz(enrolment.session.course, **kwargs)


def _answer(attempt, question, *, right: bool = True, text: str = ""):
    if not question.is_choice:
        return quizzes.answer_save(
            attempt=attempt, question_id=question.id, text=text or "我的回答"
        )
    if right:
        ids = list(question.correct_ids)
    else:
        ids = [next(pk for pk, _ in question.choices if pk not in question.correct_ids)]
    return quizzes.answer_save(attempt=attempt, question_id=question.id, choice_ids=ids)


def _take(enrolment, quiz, *, right: int, actor=None):
    """Answer the first `right` questions correctly and the rest wrongly."""
    actor = actor or enrolment.trainee
    attempt = quizzes.attempt_start(enrolment=enrolment, quiz=quiz, actor=actor)
    for index, question in enumerate(quiz_questions(quiz)):
        _answer(attempt, question, right=index < right)
    return quizzes.attempt_submit(attempt=attempt, actor=actor)


def _rewind(attempt, *, minutes: int):
    """Pretend the clock started `minutes` ago."""
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        clock_started_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    return QuizAttempt.objects.get(pk=attempt.pk)


# Questions and scoring -------------------------------------------------------


def test_questions_read_from_the_stream(enrolment):
    quiz = _quiz(enrolment, questions=quiz_factories.standard_questions(3))
    single, multiple, true_false = quiz_questions(quiz)
    assert (single.number, single.kind) == (1, "single_choice")
    assert single.correct_labels == ["检查网络"]
    assert single.explanation == "网络要稳定。"
    assert sorted(multiple.correct_labels) == ["支架", "补光灯"]
    assert multiple.allows_many and not single.allows_many
    assert true_false.correct_ids == {"true"}


@pytest.mark.parametrize(
    ("right", "pass_mark", "passed"),
    [(10, 70, True), (7, 70, True), (6, 70, False), (7, 71, False), (0, 1, False)],
)
def test_score_against_the_pass_mark(enrolment, right, pass_mark, passed):
    quiz = _quiz(
        enrolment, questions=quiz_factories.standard_questions(10), pass_mark=pass_mark
    )
    attempt = _take(enrolment, quiz, right=right)
    assert (attempt.score, attempt.max_score) == (right, 10)
    assert attempt.percent == right * 10
    assert attempt.passed is passed
    assert attempt.submitted_at is not None
    assert not attempt.needs_marking


def test_multiple_choice_needs_every_right_choice_and_no_wrong_one(enrolment):
    quiz = _quiz(
        enrolment,
        questions=[quiz_factories.multiple("哪些？", ["甲", "乙"], ["丙"])],
    )
    (question,) = quiz_questions(quiz)
    ids = {label: pk for pk, label in question.choices}
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    quizzes.answer_save(
        attempt=attempt, question_id=question.id, choice_ids=[ids["甲"]]
    )
    attempt = quizzes.attempt_submit(attempt=attempt, actor=enrolment.trainee)
    assert attempt.score == 0
    assert QuizAnswer.objects.get(attempt=attempt).is_correct is False

    quiz2 = _quiz(
        enrolment,
        questions=[quiz_factories.multiple("哪些？", ["甲", "乙"], ["丙"])],
    )
    (question,) = quiz_questions(quiz2)
    ids = {label: pk for pk, label in question.choices}
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz2, actor=enrolment.trainee
    )
    quizzes.answer_save(
        attempt=attempt, question_id=question.id, choice_ids=[ids["乙"], ids["甲"]]
    )
    assert quizzes.attempt_submit(attempt=attempt, actor=enrolment.trainee).score == 1


def test_unanswered_questions_count_as_wrong(enrolment):
    quiz = _quiz(enrolment, questions=quiz_factories.standard_questions(4))
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    _answer(attempt, quiz_questions(quiz)[0])
    attempt = quizzes.attempt_submit(attempt=attempt, actor=enrolment.trainee)
    assert (attempt.score, attempt.max_score, attempt.passed) == (1, 4, False)


# Saving answers --------------------------------------------------------------


def test_saving_an_answer_twice_keeps_one_row_with_the_latest(enrolment):
    quiz = _quiz(enrolment)
    question = quiz_questions(quiz)[0]
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    _answer(attempt, question, right=False)
    _answer(attempt, question, right=True)
    _answer(attempt, question, right=True)
    answer = QuizAnswer.objects.get(attempt=attempt)
    assert answer.choice_ids == list(question.correct_ids)
    assert answer.is_correct is None, "not marked before submission"


def test_an_empty_answer_skips_the_question(enrolment):
    quiz = _quiz(enrolment)
    question = quiz_questions(quiz)[0]
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    _answer(attempt, question)
    assert quizzes.answer_save(attempt=attempt, question_id=question.id) is None
    assert not QuizAnswer.objects.exists()


def test_answers_must_be_choices_of_the_question(enrolment):
    quiz = _quiz(enrolment)
    single = quiz_questions(quiz)[0]
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.answer_save(attempt=attempt, question_id=single.id, choice_ids=["x"])
    assert error.value.args[0] == quizzes.UNKNOWN_CHOICE
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.answer_save(
            attempt=attempt,
            question_id=single.id,
            choice_ids=[pk for pk, _ in single.choices],
        )
    assert error.value.args[0] == quizzes.ONE_CHOICE_ONLY
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.answer_save(attempt=attempt, question_id="gone", choice_ids=[])
    assert error.value.args[0] == quizzes.UNKNOWN_QUESTION


def test_submitting_twice_changes_nothing_and_answers_are_then_locked(enrolment):
    quiz = _quiz(enrolment)
    first = _take(enrolment, quiz, right=4)
    again = quizzes.attempt_submit(attempt=first, actor=enrolment.trainee)
    assert again.submitted_at == first.submitted_at
    assert AuditEntry.objects.filter(action="quiz.submit").count() == 1
    with pytest.raises(quizzes.QuizError) as error:
        _answer(first, quiz_questions(quiz)[0], right=False)
    assert error.value.args[0] == quizzes.ALREADY_SUBMITTED


def test_starting_twice_gives_the_open_attempt(enrolment):
    quiz = _quiz(enrolment)
    first = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    second = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    assert first.pk == second.pk
    assert QuizAttempt.objects.count() == 1


def test_only_enrolled_trainees_of_the_course_start(enrolment, site_pages):
    quiz = _quiz(enrolment)
    other_session = training_factories.session(lessons=1)
    other = enrolment_create(
        trainee=enrolment.trainee, session=other_session, actor=enrolment.trainee
    )
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.attempt_start(enrolment=other, quiz=quiz, actor=enrolment.trainee)
    assert error.value.args[0] == quizzes.WRONG_COURSE
    Enrolment.objects.filter(pk=enrolment.pk).update(status="withdrawn")
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.attempt_start(enrolment=enrolment, quiz=quiz, actor=enrolment.trainee)
    assert error.value.args[0] == quizzes.NOT_ENROLLED


# Retries ---------------------------------------------------------------------


def test_a_failed_attempt_can_be_retried_and_a_pass_ends_it(enrolment):
    quiz = _quiz(enrolment)
    failed = _take(enrolment, quiz, right=1)
    assert failed.passed is False
    retry = _take(enrolment, quiz, right=4)
    assert retry.pk != failed.pk
    assert (retry.number, retry.passed) == (2, True)
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.attempt_start(enrolment=enrolment, quiz=quiz, actor=enrolment.trainee)
    assert error.value.args[0] == quizzes.ALREADY_PASSED


# Time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("needs", "seconds"),
    [
        (None, 600),
        ({"extra_time": False}, 600),
        ({"extra_time": True, "extra_time_factor": "1.5"}, 900),
        ({"extra_time": True, "extra_time_factor": "2"}, 1200),
        ({"extra_time": True, "extra_time_factor": "unlimited"}, None),
    ],
)
def test_extra_time_stretches_the_limit(enrolment, needs, seconds):
    if needs is not None:
        AccessNeeds.objects.create(
            user=enrolment.trainee, consent_given_at=timezone.now(), **needs
        )
    quiz = _quiz(enrolment, time_limit_minutes=10)
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    assert attempt.seconds_allowed == seconds
    remaining = quizzes.seconds_remaining(attempt)
    assert remaining is None if seconds is None else seconds - 2 <= remaining <= seconds


def test_no_time_limit_by_default_even_with_extra_time(enrolment):
    AccessNeeds.objects.create(
        user=enrolment.trainee,
        consent_given_at=timezone.now(),
        extra_time=True,
        extra_time_factor="2",
    )
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=_quiz(enrolment), actor=enrolment.trainee
    )
    assert attempt.seconds_allowed is None
    assert quizzes.seconds_remaining(attempt) is None
    assert not quizzes.time_is_up(_rewind(attempt, minutes=600))


def test_pausing_stops_the_clock_and_resuming_restarts_it(enrolment):
    quiz = _quiz(enrolment, time_limit_minutes=10)
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    attempt = _rewind(attempt, minutes=4)
    attempt = quizzes.attempt_pause(attempt=attempt)
    assert attempt.paused_at is not None
    assert 239 <= attempt.seconds_used <= 242
    later = timezone.now() + datetime.timedelta(hours=3)
    assert quizzes.seconds_remaining(attempt, now=later) == 600 - attempt.seconds_used
    # Pausing again changes nothing; answers wait until the quiz continues.
    assert quizzes.attempt_pause(attempt=attempt).paused_at == attempt.paused_at
    with pytest.raises(quizzes.QuizError) as error:
        _answer(attempt, quiz_questions(quiz)[0])
    assert error.value.args[0] == quizzes.PAUSED
    attempt = quizzes.attempt_resume(attempt=attempt)
    assert attempt.paused_at is None
    _answer(attempt, quiz_questions(quiz)[0])
    attempt = _rewind(attempt, minutes=5)
    assert 58 <= quizzes.seconds_remaining(attempt) <= 61


def test_when_time_is_up_answers_are_kept_and_can_still_be_submitted(enrolment):
    quiz = _quiz(enrolment, time_limit_minutes=10, pass_mark=25)
    first, second, *_ = quiz_questions(quiz)
    attempt = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    _answer(attempt, first)
    attempt = _rewind(attempt, minutes=11)
    assert quizzes.time_is_up(attempt)
    assert attempt.submitted_at is None, "never submitted by surprise"
    with pytest.raises(quizzes.QuizError) as error:
        _answer(attempt, second)
    assert error.value.args[0] == quizzes.TIME_UP
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 1
    attempt = quizzes.attempt_submit(attempt=attempt, actor=enrolment.trainee)
    assert (attempt.score, attempt.passed) == (1, True)


# Short answers and marking ---------------------------------------------------


def test_short_answers_wait_for_marking_then_the_result_is_final(enrolment):
    instructor = UserFactory()
    quiz = _quiz(
        enrolment,
        questions=[
            quiz_factories.single("一？", "对", "错"),
            quiz_factories.short("写一个卖点。", guidance="写出名称和卖点。"),
        ],
        pass_mark=100,
    )
    attempt = _take(enrolment, quiz, right=2)
    assert attempt.needs_marking
    assert attempt.passed is None
    assert attempt.score == 1
    written = QuizAnswer.objects.get(attempt=attempt, text="我的回答")
    quizzes.answer_mark(
        answer=written, is_correct=True, actor=instructor, comment=" 很好 "
    )
    attempt.refresh_from_db()
    assert (attempt.needs_marking, attempt.score, attempt.passed) == (False, 2, True)
    written.refresh_from_db()
    assert (written.marked_by, written.comment) == (instructor, "很好")
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.answer_mark(answer=written, is_correct=False, actor=instructor)
    assert error.value.args[0] == quizzes.ALREADY_MARKED
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "actor_id"))
    assert ("quiz.mark", instructor.pk) in actions
    assert ("quiz.result", instructor.pk) in actions


def test_choice_answers_are_not_marked_by_hand(enrolment):
    quiz = _quiz(
        enrolment,
        questions=[
            quiz_factories.single("一？", "对", "错"),
            quiz_factories.short("写。"),
        ],
    )
    attempt = _take(enrolment, quiz, right=2)
    choice = QuizAnswer.objects.get(attempt=attempt, text="")
    with pytest.raises(quizzes.QuizError):
        quizzes.answer_mark(answer=choice, is_correct=True, actor=UserFactory())


def test_a_retry_waits_until_marking_is_done(enrolment):
    quiz = _quiz(enrolment, questions=[quiz_factories.short("写。")])
    _take(enrolment, quiz, right=0)
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.attempt_start(enrolment=enrolment, quiz=quiz, actor=enrolment.trainee)
    assert error.value.args[0] == quizzes.WAITING_FOR_MARKING
    quizzes.answer_mark(
        answer=QuizAnswer.objects.get(), is_correct=False, actor=UserFactory()
    )
    retry = quizzes.attempt_start(
        enrolment=enrolment, quiz=quiz, actor=enrolment.trainee
    )
    assert retry.number == 2


# Course completion -----------------------------------------------------------


def _complete_lessons(enrolment):
    for lesson in course_lessons(enrolment):
        lesson_completion_record(
            enrolment=enrolment, lesson=lesson, actor=enrolment.trainee
        )
    enrolment.refresh_from_db()
    return enrolment


def test_a_course_without_quizzes_completes_with_its_lessons(enrolment):
    assert _complete_lessons(enrolment).status == Enrolment.Status.COMPLETED


def test_the_course_completes_only_when_its_quizzes_are_passed(enrolment):
    quiz = _quiz(enrolment)
    _quiz(enrolment, title="草稿测验", live=False)  # drafts are not required
    assert _complete_lessons(enrolment).status == Enrolment.Status.ENROLLED
    _take(enrolment, quiz, right=1)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert not Certificate.objects.exists()
    _take(enrolment, quiz, right=4)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_passing_the_quiz_first_then_the_last_lesson_completes(enrolment):
    quiz = _quiz(enrolment)
    _take(enrolment, quiz, right=4)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED, "lessons still to do"
    assert _complete_lessons(enrolment).status == Enrolment.Status.COMPLETED


def test_marking_the_last_short_answer_can_complete_the_course(enrolment):
    quiz = _quiz(enrolment, questions=[quiz_factories.short("写。")])
    _complete_lessons(enrolment)
    _take(enrolment, quiz, right=1)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    quizzes.answer_mark(
        answer=QuizAnswer.objects.get(), is_correct=True, actor=UserFactory()
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


def test_a_quiz_passed_in_the_other_language_counts(enrolment):
    quiz = _quiz(enrolment)
    en_course = enrolment.session.course.copy_for_translation(
        en_locale(), copy_parents=True
    )
    en_course.save_revision().publish()
    en_quiz = quiz.copy_for_translation(en_locale())
    en_quiz.save_revision().publish()
    en_quiz = type(quiz).objects.get(pk=en_quiz.pk)
    _complete_lessons(enrolment)
    _take(enrolment, en_quiz, right=4)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


# Audit -----------------------------------------------------------------------


def test_submission_is_audited_with_the_result(enrolment):
    quiz = _quiz(enrolment)
    attempt = _take(enrolment, quiz, right=3)
    entry = AuditEntry.objects.get(action="quiz.submit")
    assert (entry.object_type, entry.object_id) == ("quizattempt", attempt.pk)
    assert entry.actor == enrolment.trainee
    assert entry.trainee == enrolment.trainee
    assert entry.session == enrolment.session
    assert entry.changes["score"] == [None, 3]
    assert entry.changes["passed"] == [None, True]
