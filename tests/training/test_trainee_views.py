import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from courses.models import LessonPage
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from tests.factories.courses import en_locale
from tests.html import assert_accessible_shell, soup
from training.models import Certificate, Enrolment, LessonProgress
from training.services.enrolment import enrolment_create, enrolment_withdraw

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def session(site_pages):
    return training_factories.session(capacity=1, lessons=3)


@pytest.fixture
def trainee(client):
    user = UserFactory(name="张伟")
    client.force_login(user)
    return user


def _lessons(session):
    return list(LessonPage.objects.child_of(session.course).live().order_by("path"))


def test_enrol_from_the_course_page_form(client, session, trainee):
    response = client.post(f"/en/sessions/{session.pk}/enrol/")
    assert response.status_code == 302
    assert response["Location"] == "/en/learning/#notice"
    enrolment = Enrolment.objects.get(trainee=trainee)
    assert enrolment.status == Status.ENROLLED
    # A second click changes nothing.
    client.post(f"/en/sessions/{session.pk}/enrol/")
    assert Enrolment.objects.count() == 1


def test_enrolling_needs_sign_in_and_post(client, session):
    response = client.post(f"/en/sessions/{session.pk}/enrol/")
    assert response["Location"].startswith("/en/accounts/login/")
    user = UserFactory()
    client.force_login(user)
    assert client.get(f"/en/sessions/{session.pk}/enrol/").status_code == 405


def test_full_session_puts_me_on_the_waiting_list(client, session, trainee):
    linked = UserFactory(home_base=session.base)
    enrolment_create(trainee=linked, session=session, actor=UserFactory())
    client.post(f"/en/sessions/{session.pk}/enrol/")
    response = client.get("/en/learning/")
    assert "waiting list" in soup(response).select_one(".messages").get_text()
    assert Enrolment.objects.get(trainee=trainee).status == Status.WAITLISTED


def test_my_learning_shows_progress_and_where_to_resume(client, session, trainee):
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    first, second, _third = _lessons(session)
    client.post(f"/en/lessons/{first.pk}/complete/")
    session.base.step_free_access = session.base.hearing_loop = True
    session.base.save()
    response = client.get("/en/learning/")
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang="en")
    card = doc.select_one(".card")
    assert "1 of 3 lessons done" in card.get_text()
    assert "Venue access: step-free access, hearing loop" in card.get_text()
    progress = card.select_one("progress")
    assert (progress["value"], progress["max"]) == ("1", "3")
    assert progress["aria-labelledby"] == f"progress-{enrolment.pk}"
    resume = card.select_one("a.button")
    assert resume["href"] == second.url
    assert second.title in resume.get_text()


def test_completing_a_lesson_twice_records_it_once(client, session, trainee):
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    lesson = _lessons(session)[0]
    for _ in range(3):
        response = client.post(
            f"/en/lessons/{lesson.pk}/complete/", {"next": "/en/learning/"}
        )
        assert response.status_code == 302
    progress = LessonProgress.objects.get(enrolment=enrolment)
    assert progress.completed_at is not None


def test_completing_every_lesson_completes_the_course_and_issues_a_certificate(
    client, session, trainee
):
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    for lesson in _lessons(session):
        client.post(f"/en/lessons/{lesson.pk}/complete/")
    enrolment.refresh_from_db()
    assert enrolment.status == Status.COMPLETED
    assert enrolment.completed_at is not None
    assert enrolment.final_result == Enrolment.Result.PASSED
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.trainee_name == "张伟"
    doc = soup(client.get("/en/learning/"))
    assert doc.select_one(f'a[href$="/certificates/{certificate.code}/"]')


def test_completion_recorded_from_the_english_lesson_counts(client, session, trainee):
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    zh_lesson = _lessons(session)[0]
    en_lesson = zh_lesson.copy_for_translation(en_locale(), copy_parents=True)
    en_lesson.save_revision().publish()
    client.post(f"/en/lessons/{en_lesson.pk}/complete/")
    assert LessonProgress.objects.get(enrolment=enrolment).lesson_id == zh_lesson.pk


def test_lesson_completion_without_enrolment_explains(client, session, trainee):
    lesson = _lessons(session)[0]
    client.post(f"/en/lessons/{lesson.pk}/complete/")
    assert not LessonProgress.objects.exists()


def test_withdraw_with_a_confirmation_step(client, session, trainee):
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    waiting = enrolment_create(
        # Linked to the base (home base): staff enrolment gives a place.
        trainee=UserFactory(home_base=session.base),
        session=session,
        actor=UserFactory(),
    )
    response = client.get(f"/en/enrolments/{enrolment.pk}/withdraw/")
    assert_accessible_shell(response, lang="en")
    client.post(f"/en/enrolments/{enrolment.pk}/withdraw/")
    enrolment.refresh_from_db(), waiting.refresh_from_db()
    assert enrolment.status == Status.WITHDRAWN
    assert waiting.status == Status.OFFERED


def test_cannot_touch_someone_elses_enrolment(client, session, trainee):
    other = enrolment_create(
        # Linked to the base (home base): staff enrolment gives a place.
        trainee=UserFactory(home_base=session.base),
        session=session,
        actor=UserFactory(),
    )
    assert client.get(f"/en/enrolments/{other.pk}/withdraw/").status_code == 404
    assert client.post(f"/en/enrolments/{other.pk}/withdraw/").status_code == 404
    assert (
        client.post(
            f"/en/enrolments/{other.pk}/offer/", {"answer": "accept"}
        ).status_code
        == 404
    )


def test_accepting_an_offered_place(client, session, trainee):
    holder = enrolment_create(
        # Linked to the base (home base): staff enrolment gives a place.
        trainee=UserFactory(home_base=session.base),
        session=session,
        actor=UserFactory(),
    )
    mine = enrolment_create(trainee=trainee, session=session, actor=trainee)
    enrolment_withdraw(enrolment=holder, actor=holder.trainee)
    doc = soup(client.get("/en/learning/"))
    assert doc.select_one('button[name="answer"][value="accept"]')
    client.post(f"/en/enrolments/{mine.pk}/offer/", {"answer": "accept"})
    mine.refresh_from_db()
    assert mine.status == Status.ENROLLED


def test_upcoming_sessions_tag_shows_venue_access_and_places(session, trainee):
    base = session.base
    base.step_free_access = True
    base.hearing_loop = True
    base.transport_notes_en = "Metro line 2, lift at exit B."
    base.save()
    request = RequestFactory().get("/en/")
    request.user = trainee
    with translation.override("en"):
        html = Template(
            "{% load training_tags %}{% upcoming_sessions course %}"
        ).render(Context({"request": request, "course": session.course}))
    doc = soup(type("R", (), {"content": html.encode()}))
    text = doc.get_text(" ", strip=True)
    assert "step-free access" in text and "hearing loop" in text
    assert "Metro line 2, lift at exit B." in text
    assert "1 of 1" in text
    assert doc.select_one(f'form[action="/en/sessions/{session.pk}/enrol/"] button')


def _learning_page_queries(client, django_assert_max_num_queries, budget):
    # A ceiling for the whole page (quizzes, attempts, meetings and the
    # calendar link added 5); test_my_learning_next_steps.py asserts the same
    # count at two sizes with every kind of place.
    client.get("/en/learning/")
    with django_assert_max_num_queries(budget):
        response = client.get("/en/learning/")
    return response


def test_my_learning_runs_a_fixed_number_of_queries(
    client, site_pages, trainee, django_assert_max_num_queries
):
    small = training_factories.session(lessons=1)
    enrolment_create(trainee=trainee, session=small, actor=trainee)
    response = _learning_page_queries(client, django_assert_max_num_queries, 20)
    assert len(soup(response).select(".card")) == 1
    for _ in range(3):
        bigger = training_factories.session(lessons=4)
        enrolment = enrolment_create(trainee=trainee, session=bigger, actor=trainee)
        for lesson in _lessons(bigger)[:2]:
            client.post(f"/en/lessons/{lesson.pk}/complete/")
        assert enrolment.pk
    response = _learning_page_queries(client, django_assert_max_num_queries, 20)
    assert len(soup(response).select(".card")) == 4


def test_opening_a_lesson_records_when_it_was_first_opened(client, session, trainee):
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    lesson = _lessons(session)[1]
    assert client.get(lesson.url).status_code == 200
    progress = LessonProgress.objects.get(enrolment=enrolment)
    first = progress.first_opened_at
    assert progress.lesson_id == lesson.pk and progress.completed_at is None
    client.get(lesson.url)
    progress.refresh_from_db()
    assert progress.first_opened_at == first
    assert LessonProgress.objects.count() == 1


def test_reading_a_lesson_without_enrolment_records_nothing(client, session, trainee):
    assert client.get(_lessons(session)[0].url).status_code == 200
    assert not LessonProgress.objects.exists()


def test_lesson_page_with_progress_runs_a_fixed_number_of_queries(
    client, site_pages, trainee, django_assert_max_num_queries
):
    def measure(lessons: int) -> int:
        session = training_factories.session(lessons=lessons)
        enrolment_create(trainee=trainee, session=session, actor=trainee)
        pages = _lessons(session)
        for lesson in pages[:-1]:
            client.post(f"/en/lessons/{lesson.pk}/complete/")
        client.get(pages[-1].url)  # warm-up (records the first opening)
        with django_assert_max_num_queries(40) as captured:
            response = client.get(pages[-1].url)
        assert f'/lessons/{pages[-1].pk}/complete/"' in response.content.decode()
        return len(captured)

    assert measure(2) == measure(6)
