"""Capacity under real concurrency: many trainees press "enrol" at once."""

import threading

import pytest
from django.db import connection

from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training.models import Enrolment
from training.services.enrolment import enrolment_create

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; the sequential version runs there "
    "(test_services_enrolment.py::test_capacity_holds_for_many_enrolments_in_a_row)",
)


def test_fifty_simultaneous_enrolments_fill_exactly_twenty_seats(
    restored_afterwards, django_db_serialized_rollback, transactional_db
):
    from demo.site import seed_site

    seed_site()
    session = training_factories.session(capacity=20, lessons=1)
    trainees = [UserFactory() for _ in range(50)]
    start = threading.Barrier(len(trainees))
    errors = []

    def enrol(trainee):
        from django.db import connections

        try:
            start.wait(timeout=30)
            enrolment_create(trainee=trainee, session=session, actor=trainee)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(t,)) for t in trainees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    statuses = list(
        Enrolment.objects.filter(session=session).values_list("status", flat=True)
    )
    assert len(statuses) == 50
    assert statuses.count(Enrolment.Status.ENROLLED) == 20
    assert statuses.count(Enrolment.Status.WAITLISTED) == 30
