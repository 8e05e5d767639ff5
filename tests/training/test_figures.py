"""The dashboard's kept figures (training.models.SessionFigures,
RepeatCompletion and CountedPlace) follow every write in the same transaction: after each
change below they agree with the records (`sessions_differing`), and the
dashboard's figures are those a fresh rebuild gives. Writes that bypass
the services' signals (bulk_create) are caught by the check, which the
rebuild command fixes."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import AccessNeeds, StaffRole
from accounts.services import access_needs_consent_withdraw, access_needs_record
from federation.selectors import dashboard
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.federation import world as fixed
from training.models import (
    Certificate,
    CountedPlace,
    Enrolment,
    Outcome,
    RepeatCompletion,
    SessionFigures,
    TrainingSession,
)
from training.selectors.figures import sessions_differing
from training.services.certificates import certificate_revoke
from training.services.enrolment import enrolment_withdraw
from training.services.figures import figures_rebuild
from training.services.progress import certificate_issue
from training.services.records import outcome_record

Status = Enrolment.Status


def _figures():
    """Everything the dashboard shows, with and without a category."""
    figures = dashboard.compute(dashboard.Filters())
    hearing = dashboard.compute(dashboard.Filters(category="hearing"))
    # Sessions by date: people counted at their first place within them.
    since = timezone.localdate() - datetime.timedelta(days=200)
    dated = dashboard.compute(dashboard.Filters(date_from=since))
    return (
        figures.total,
        figures.groups,
        figures.categories,
        hearing.total,
        hearing.categories,
        dated.total,
        dated.groups,
        dated.categories,
    )


def _agrees():
    """The kept figures agree with the records, and the dashboard shows what
    a rebuild from the records gives."""
    assert sessions_differing() == []
    kept = _figures()
    figures_rebuild()
    assert _figures() == kept


@pytest.mark.django_db
def test_kept_figures_follow_every_write(site_pages):
    w = fixed.build()
    assert SessionFigures.objects.filter(session=w.s1).exists()
    assert not SessionFigures.objects.filter(session=w.s3).exists()  # cancelled
    assert dashboard.compute(dashboard.Filters()).total["enrolments"] == 19
    _agrees()

    # An enrolment withdrawn through the service, one completed by hand.
    e1 = Enrolment.objects.get(session=w.s2, trainee=w.people["e1"])
    enrolment_withdraw(enrolment=e1, actor=w.instructor)
    e2 = Enrolment.objects.get(session=w.s2, trainee=w.people["e2"])
    e2.status = Status.COMPLETED
    e2.completed_at = timezone.now()
    e2.save()
    _agrees()
    assert dashboard.compute(dashboard.Filters()).total["enrolments"] == 18

    # A certificate issued, one revoked, one deleted.
    certificate_issue(enrolment=e2, actor=w.instructor)
    revoked = Certificate.objects.filter(enrolment__session=w.s1).first()
    certificate_revoke(certificate=revoked, reason="Issued in error", actor=w.admin)
    Certificate.objects.filter(enrolment__session=w.s2).first().delete()
    _agrees()

    # An outcome recorded through the service.
    c7 = Enrolment.objects.get(session=w.s1, trainee=w.people["c7"])
    outcome_record(
        enrolment=c7,
        follow_up=3,
        status=Outcome.Status.SELF_EMPLOYED,
        recorded_on=w.s1.ends_on + datetime.timedelta(days=100),
        actor=w.instructor,
    )
    assert dashboard.compute(dashboard.Filters()).total["businesses"] == 3
    _agrees()

    # Access needs recorded, consent withdrawn.
    access_needs_record(
        user=w.people["n1"],
        categories=["physical"],
        needs=[],
        notes="",
        consent=True,
    )
    access_needs_consent_withdraw(user=w.people["c1"])
    assert not AccessNeeds.objects.filter(user=w.people["c1"]).exists()
    _agrees()

    # A trainee becomes staff at the base: their place no longer counts.
    StaffRoleFactory(user=w.people["c2"], role=StaffRole.Role.INSTRUCTOR, base=w.base_a)
    _agrees()
    StaffRole.objects.filter(user=w.people["c2"]).delete()
    _agrees()

    # A session moved to another base, then cancelled.
    w.s4.base = w.base_a
    w.s4.save()
    _agrees()
    w.s2.status = TrainingSession.Status.CANCELLED
    w.s2.save()
    _agrees()
    assert not SessionFigures.objects.filter(session=w.s2).exists()


def _session_again(w):
    """Course A at base A again, ten days after S1."""
    return training_factories.session(
        course=w.course_a,
        base=w.base_a,
        name="再一次",
        starts_on=w.s1.starts_on + datetime.timedelta(days=10),
        ends_on=w.s1.ends_on + datetime.timedelta(days=10),
    )


def _completes(person, session):
    Enrolment.objects.create(
        trainee=person,
        session=session,
        status=Status.COMPLETED,
        status_changed_at=timezone.now(),
        completed_at=timezone.now(),
    )


@pytest.mark.django_db
def test_a_person_who_completes_a_course_twice_is_counted_once(site_pages):
    w = fixed.build()
    again = _session_again(w)
    before = dashboard.compute(dashboard.Filters()).total
    _completes(w.people["c1"], again)
    assert set(RepeatCompletion.objects.values_list("session_id", flat=True)) == {
        w.s1.pk,
        again.pk,
    }
    after = dashboard.compute(dashboard.Filters()).total
    assert after["enrolments"] == before["enrolments"] + 1
    assert after["trainees"] == before["trainees"]  # c1 already counted
    for n in (3, 6, 12):
        # Due at the same follow-ups; c1 is still one person.
        assert after[f"due_{n}"] == before[f"due_{n}"]
    _agrees()


@pytest.mark.django_db
def test_the_check_finds_writes_around_the_services_and_the_command_fixes_them(
    site_pages,
):
    w = fixed.build()
    call_command("rebuild_report_figures", "--check")
    c7 = Enrolment.objects.get(session=w.s1, trainee=w.people["c7"])
    Outcome.objects.bulk_create(  # no signals
        [
            Outcome(
                enrolment=c7,
                follow_up=3,
                status=Outcome.Status.EMPLOYED,
                recorded_on=w.s1.ends_on + datetime.timedelta(days=95),
                recorded_by=w.instructor,
            )
        ]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                trainee=UserFactory(),
                session=w.s4,
                status=Status.ENROLLED,
                status_changed_at=timezone.now(),
            )
        ]
    )
    assert sessions_differing() == sorted([w.s1.pk, w.s4.pk])
    with pytest.raises(CommandError, match="2 sessions"):
        call_command("rebuild_report_figures", "--check")
    call_command("rebuild_report_figures")
    call_command("rebuild_report_figures", "--check")
    assert sessions_differing() == []


@pytest.mark.django_db
def test_the_check_finds_a_repeated_completion_or_a_place_kept_wrong(site_pages):
    """Each kind of kept row, changed behind the services' back, is found
    (and named by its session), and the command fixes it."""
    w = fixed.build()
    again = _session_again(w)
    _completes(w.people["c1"], again)
    assert sessions_differing() == []
    RepeatCompletion.objects.filter(session=again).update(status_3="employed")
    assert sessions_differing() == [again.pk]
    call_command("rebuild_report_figures")
    assert sessions_differing() == []
    CountedPlace.objects.filter(session=w.s4).update(previous_any=None)
    assert sessions_differing() == [w.s4.pk]  # c1's place there follows S1's
    CountedPlace.objects.filter(session=w.s2).delete()
    assert sessions_differing() == sorted([w.s2.pk, w.s4.pk])
    call_command("rebuild_report_figures")
    assert sessions_differing() == []
