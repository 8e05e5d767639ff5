"""A day's attendance register, recorded by base staff."""

import pytest

from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training.models import Attendance, AuditEntry, Enrolment
from training.services.enrolment import enrolment_create
from training.services.records import (
    NOT_ATTENDING,
    RecordError,
    attendance_record_day,
)

pytestmark = pytest.mark.django_db
Present, Absent = Attendance.Status.PRESENT, Attendance.Status.ABSENT


@pytest.fixture
def session(site_pages):
    return training_factories.session(capacity=2, lessons=1)


@pytest.fixture
def staff():
    return UserFactory()


def _enrol(session, staff) -> Enrolment:
    """The trainee takes the place themself (a place staff give someone new
    to the base waits for them to confirm)."""
    trainee = UserFactory()
    return enrolment_create(trainee=trainee, session=session, actor=trainee)


def _audited() -> int:
    return AuditEntry.objects.filter(action="attendance.record").count()


def test_the_register_audits_each_change_once(session, staff):
    first, second = _enrol(session, staff), _enrol(session, staff)
    day = session.starts_on
    attendance_record_day(
        day=day, marks=[(first, Present), (second, Absent)], actor=staff
    )
    assert _audited() == 2
    attendance_record_day(
        day=day, marks=[(first, Present), (second, Absent)], actor=staff
    )
    assert _audited() == 2, "saving the same register again changes nothing"
    attendance_record_day(
        day=day, marks=[(first, Present), (second, Present)], actor=staff
    )
    assert _audited() == 3
    assert dict(Attendance.objects.values_list("enrolment_id", "status")) == {
        first.pk: Present,
        second.pk: Present,
    }


def test_the_register_is_saved_all_or_none(session, staff):
    first, second = _enrol(session, staff), _enrol(session, staff)
    waiting = _enrol(session, staff)
    assert waiting.status == Enrolment.Status.WAITLISTED
    with pytest.raises(RecordError, match=str(NOT_ATTENDING)):
        attendance_record_day(
            day=session.starts_on,
            marks=[(first, Present), (second, Absent), (waiting, Present)],
            actor=staff,
        )
    assert not Attendance.objects.exists()
    assert _audited() == 0
