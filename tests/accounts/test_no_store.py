"""Every page and file with personal data is sent with Cache-Control:
no-store, so that a shared computer's browser or a proxy keeps no copy."""

import pytest
from django.utils import timezone

from accounts import services
from accounts.models import StaffRole
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from tests.shared_data import fresh, shared_data
from training.models import Enrolment, QuizAttempt

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _setting(django_db_setup, django_db_blocker):
    # Built once for the module; each test gets its own copy.
    with shared_data(django_db_blocker):
        yield _build_setting()


@pytest.fixture
def setting(_setting, db):
    return fresh(_setting)


def _build_setting():
    session = training_factories.session()
    instructor = UserFactory()
    StaffRole.objects.create(user=instructor, role="instructor", base=session.base)
    trainee = UserFactory()
    services.access_needs_record(
        user=trainee, categories=["visual"], needs=[], notes="", consent=True
    )
    enrolment = Enrolment.objects.create(
        trainee=trainee,
        session=session,
        status=Enrolment.Status.ENROLLED,
        status_changed_at=timezone.now(),
    )
    quiz = quiz_factories.quiz(session.course)
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment, quiz=quiz, started_at=timezone.now()
    )
    return {
        "session": session,
        "instructor": instructor,
        "trainee": trainee,
        "attempt": attempt,
    }


def _assert_no_store(response):
    assert response.status_code == 200, response.status_code
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "teach/sessions/{session}/",
        "teach/sessions/{session}/roster.csv",
        "teach/sessions/{session}/roster.xlsx",
    ],
)
def test_staff_pages_with_personal_data_are_not_stored(client, setting, path):
    client.force_login(setting["instructor"])
    _assert_no_store(client.get("/en/" + path.format(session=setting["session"].pk)))


def test_a_trainees_needs_page_is_not_stored(client, setting):
    client.force_login(setting["instructor"])
    response = client.get(f"/en/teach/trainees/{setting['trainee'].pk}/needs/")
    _assert_no_store(response)


@pytest.mark.parametrize(
    "path",
    [
        "learning/",
        "attempts/{attempt}/questions/1/",
        "attempts/{attempt}/review/",
    ],
)
def test_trainee_pages_are_not_stored(client, setting, path):
    client.force_login(setting["trainee"])
    response = client.get(
        "/en/" + path.format(attempt=setting["attempt"].pk), follow=False
    )
    if response.status_code == 302:
        assert "no-store" in response["Cache-Control"]
        return
    _assert_no_store(response)
