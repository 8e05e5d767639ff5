import re

import pytest

from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training.models import AuditEntry, Enrolment, TrainingSession
from training.services import enrolment as service

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def session(site_pages):
    return training_factories.session(capacity=2)


def _enrol(session, trainee=None, actor=None):
    trainee = trainee or UserFactory()
    return service.enrolment_create(
        trainee=trainee, session=session, actor=actor or trainee
    )


def test_self_enrolment_takes_a_seat_and_is_audited(session):
    enrolment = _enrol(session)
    assert enrolment.status == Status.ENROLLED
    assert enrolment.enrolled_by is None and not enrolment.is_assisted
    entry = AuditEntry.objects.get(action="enrolment.create")
    assert entry.trainee == enrolment.trainee
    assert entry.base == session.base
    assert entry.changes["status"] == [None, "enrolled"]


def test_full_session_puts_people_on_the_waiting_list(session):
    _enrol(session), _enrol(session)
    third = _enrol(session)
    assert third.status == Status.WAITLISTED
    assert service.seats_taken(session) == 2


def test_enrolling_twice_returns_the_same_enrolment(session):
    trainee = UserFactory()
    first = _enrol(session, trainee)
    again = _enrol(session, trainee)
    assert first.pk == again.pk
    assert Enrolment.objects.count() == 1
    assert AuditEntry.objects.filter(action="enrolment.create").count() == 1


def test_assisted_enrolment_is_recorded_as_such(session):
    instructor = UserFactory()
    enrolment = _enrol(session, actor=instructor)
    assert enrolment.enrolled_by == instructor
    assert enrolment.is_assisted


def test_closed_session_refuses_self_enrolment_but_staff_can_assist(session):
    session.enrolment_open = False
    session.save()
    with pytest.raises(
        service.EnrolmentError, match=re.escape(str(service.ENROLMENT_CLOSED))
    ):
        _enrol(session)
    # Someone linked to the base (home base): a place, not a pending one.
    linked = UserFactory(home_base=session.base)
    assert _enrol(session, linked, actor=UserFactory()).status == Status.ENROLLED


@pytest.mark.parametrize(
    "status", [TrainingSession.Status.FINISHED, TrainingSession.Status.CANCELLED]
)
def test_finished_or_cancelled_sessions_refuse_everyone(session, status):
    session.status = status
    session.save()
    with pytest.raises(service.EnrolmentError):
        _enrol(session, actor=UserFactory())


def test_applications_are_reviewed_when_the_session_asks(session):
    session.approval_required = True
    session.save()
    application = _enrol(session)
    assert application.status == Status.APPLIED
    accepted = service.enrolment_accept(enrolment=application, actor=UserFactory())
    assert accepted.status == Status.ENROLLED


def test_a_freed_seat_is_offered_to_the_longest_waiting(session):
    first, _second = _enrol(session), _enrol(session)
    waiting_1, waiting_2 = _enrol(session), _enrol(session)
    service.enrolment_withdraw(enrolment=first, actor=first.trainee)
    waiting_1.refresh_from_db(), waiting_2.refresh_from_db()
    assert waiting_1.status == Status.OFFERED
    assert waiting_2.status == Status.WAITLISTED
    # Declining passes the offer on.
    service.enrolment_offer_respond(
        enrolment=waiting_1, accept=False, actor=waiting_1.trainee
    )
    waiting_2.refresh_from_db()
    assert waiting_2.status == Status.OFFERED
    accepted = service.enrolment_offer_respond(
        enrolment=waiting_2, accept=True, actor=waiting_2.trainee
    )
    assert accepted.status == Status.ENROLLED
    assert service.seats_taken(session) == 2


def test_withdrawing_twice_changes_nothing_more(session):
    enrolment = _enrol(session)
    service.enrolment_withdraw(enrolment=enrolment, actor=enrolment.trainee)
    service.enrolment_withdraw(enrolment=enrolment, actor=enrolment.trainee)
    assert AuditEntry.objects.filter(action="enrolment.status").count() == 1


ALL = list(Status)
ALLOWED = {
    (Status.APPLIED, Status.ENROLLED),
    (Status.APPLIED, Status.WAITLISTED),
    (Status.APPLIED, Status.WITHDRAWN),
    (Status.WAITLISTED, Status.OFFERED),
    (Status.WAITLISTED, Status.ENROLLED),
    (Status.WAITLISTED, Status.WITHDRAWN),
    (Status.OFFERED, Status.ENROLLED),
    (Status.OFFERED, Status.WITHDRAWN),
    (Status.ENROLLED, Status.COMPLETED),
    (Status.ENROLLED, Status.WITHDRAWN),
    (Status.ENROLLED, Status.NOT_COMPLETED),
    # Issue #11: a pending place is confirmed (a seat or the waiting list) or
    # declined by the trainee.
    (Status.PENDING, Status.ENROLLED),
    (Status.PENDING, Status.WAITLISTED),
    (Status.PENDING, Status.WITHDRAWN),
}


def test_every_transition_allowed_or_refused(session):
    """The whole table, old status x new status, on one session."""
    session.capacity = 1000
    session.save()
    wrong = []
    for old in ALL:
        for new in ALL:
            enrolment = _enrol(session)
            Enrolment.objects.filter(pk=enrolment.pk).update(status=old)
            enrolment.refresh_from_db()
            try:
                service.enrolment_status_change(
                    enrolment=enrolment, status=new, actor=None
                )
                allowed = True
            except service.EnrolmentError:
                allowed = False
            enrolment.refresh_from_db()
            expected = (old, new) in ALLOWED
            if allowed != expected or enrolment.status != (new if expected else old):
                wrong.append((old.value, new.value, allowed))
    assert wrong == []


def test_capacity_holds_for_many_enrolments_in_a_row(site_pages):
    """The sequential version of the concurrency test (which runs on PostgreSQL)."""
    session = training_factories.session(capacity=20)
    results = [_enrol(session).status for _ in range(50)]
    assert results.count(Status.ENROLLED) == 20
    assert results.count(Status.WAITLISTED) == 30
