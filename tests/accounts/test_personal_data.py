"""The personal-data registry, the data download, anonymisation (deletion
requests carried out), the profile's list of who viewed a person's needs, and
no-store on every page and file with personal data."""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import models
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from accounts import personal_data, services
from accounts.models import (
    AccessNeeds,
    ConsentEvent,
    DeletionRequest,
    DisplayPreferences,
    NeedsAccessLog,
    StaffRole,
    User,
)
from courses.models import LessonPage
from federation.models import BarrierReport, ReportAccess
from federation.selectors import dashboard as figures
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from tests.html import soup
from tests.shared_data import fresh, shared_data
from training.models import (
    Attendance,
    AuditEntry,
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    QuizAnswer,
    QuizAttempt,
)

pytestmark = pytest.mark.django_db

# Models that point at a person (or hold an email or phone) but are not
# personal data this project answers for, each with its reason.
NOT_PERSONAL_DATA = {
    "accounts.TrainingBase": "a base's contact email and phone are the "
    "organisation's, not a person's",
    "wagtailcore.Revision": "Wagtail's editorial history of staff edits to "
    "pages; it points at the account, whose identity anonymisation erases",
    "wagtailcore.PageLogEntry": "Wagtail's page history (staff edits); as above",
    "wagtailcore.ModelLogEntry": "Wagtail's admin history (staff edits); as above",
    "wagtailcore.Page": "page ownership and locks by staff editors; as above",
    "wagtailcore.TaskState": "Wagtail moderation workflow of staff; as above",
    "wagtailcore.WorkflowState": "Wagtail moderation workflow of staff; as above",
    "wagtailcore.Comment": "staff comments on pages; as above",
    "wagtail_localize.StringTranslation": "who last translated a segment of "
    "a page (wagtail-localize): staff editorial history; as above",
    "wagtail_localize.SegmentOverride": "who last overrode a segment's file "
    "or value in a translation: staff editorial history; as above",
    "wagtailcore.CommentReply": "staff comments on pages; as above",
    "wagtailcore.PageSubscription": "staff's page comment notifications",
    "wagtailcore.UploadedFile": "a staff upload in progress; as above",
    "wagtailusers.UserProfile": "Wagtail admin settings of staff (notification "
    "choices, admin language); holds no identity",
    "wagtailimages.Image": "who uploaded an image (staff); as above",
    "wagtaildocs.Document": "who uploaded a document (staff); as above",
    "wagtailadmin.EditingSession": "a staff editing session, kept minutes",
    "wagtailadmin.Admin": "Wagtail's permission holder model, no rows",
    "wagtailforms.FormSubmission": "not used by this project's pages",
    "wagtailsearch.Query": "search terms, not linked to a person",
    "wagtailcore.GroupApprovalTask": "groups, not people",
    "auth.Permission": "not about a person",
    "auth.Group": "not about a person",
    "account.EmailConfirmation": "allauth's short-lived confirmation keys, "
    "deleted with the email address",
    "account.Login": "not stored",
    "wagtailadmin.FormState": "Wagtail's saved admin form state of staff",
    "wagtailcore.APIToken": "Wagtail API tokens of staff; not used here",
}


def _person_fields(model) -> list[str]:
    user = apps.get_model(settings.AUTH_USER_MODEL)
    fields = []
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue
        if getattr(field, "model", model) is not model:
            continue  # inherited from a parent table, checked there
        if field.is_relation and field.related_model is user:
            if isinstance(field, models.ForeignKey | models.ManyToManyField):
                fields.append(field.name)
        elif isinstance(field, models.EmailField) or field.name in {
            "phone",
            "trainee_name",
        }:
            fields.append(field.name)
    return fields


def test_every_model_with_a_person_field_is_registered_or_explained():
    registered = personal_data.registered_fields()
    missing = [
        f"{model._meta.label}.{name}"
        for model in apps.get_models()
        if model._meta.label not in NOT_PERSONAL_DATA
        for name in _person_fields(model)
        if (model._meta.label, name) not in registered
    ]
    assert missing == [], (
        "register a provider in accounts.personal_data (from the app's "
        "AppConfig.ready()) or explain the model in NOT_PERSONAL_DATA"
    )


def test_the_allow_list_names_real_models_only():
    labels = {model._meta.label for model in apps.get_models()}
    stale = set(NOT_PERSONAL_DATA) - labels
    # Labels for optional models (not installed) are harmless but must be few.
    assert len(stale) <= 6, stale


def test_registering_again_replaces_not_duplicates():
    before = [p.key for p in personal_data.providers()]
    provider = next(p for p in personal_data.providers() if p.key == "accounts.account")
    personal_data.register(provider)
    assert [p.key for p in personal_data.providers()] == before


# A trainee with a record of every kind ------------------------------------------


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    # Built once for the module; each test gets its own copy.
    with shared_data(django_db_blocker):
        yield _build_world()


@pytest.fixture
def world(_world, db):
    return fresh(_world)


def _build_world():
    """A trainee with a record of every registered kind, and an instructor."""
    base = TrainingBaseFactory()
    instructor = UserFactory(name="李老师", email="teacher@example.org")
    StaffRole.objects.create(user=instructor, role="instructor", base=base)
    trainee = UserFactory(
        name="王芳",
        email="wangfang@example.org",
        phone="13800000000",
        preferred_language="en",
    )
    today = timezone.localdate()
    session = training_factories.session(
        base=base,
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=120),
    )
    session.instructors.add(instructor)
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        trainee=trainee,
        session=session,
        status=Enrolment.Status.COMPLETED,
        status_changed_at=now,
        completed_at=now,
        final_result="passed",
    )
    lesson = LessonPage.objects.descendant_of(session.course).first()
    LessonProgress.objects.create(
        enrolment=enrolment, lesson=lesson, first_opened_at=now, completed_at=now
    )
    quiz = quiz_factories.quiz(session.course)
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment, quiz=quiz, started_at=now, submitted_at=now, score=1
    )
    QuizAnswer.objects.create(
        attempt=attempt,
        question_id="q1",
        text="王芳的回答 13800000000",
        comment="Good, 王芳",
        marked_by=instructor,
    )
    Attendance.objects.create(
        enrolment=enrolment,
        day=session.starts_on,
        status="present",
        recorded_by=instructor,
    )
    Outcome.objects.create(
        enrolment=enrolment,
        follow_up=3,
        status="self_employed",
        recorded_on=today,
        recorded_by=instructor,
        notes="王芳 opened a shop",
    )
    Certificate.objects.create(
        enrolment=enrolment,
        code="ABCD2345EFGHJKLMNPQR",
        issued_at=now,
        trainee_name="王芳",
        course_title="电商直播入门",
        base_name=base.name,
    )
    AuditEntry.objects.create(
        actor=instructor,
        action="outcome_record",
        object_type="outcome",
        object_id=1,
        session=session,
        base=base,
        trainee=trainee,
        changes={"notes": ["", "王芳 opened a shop"], "status": ["", "employed"]},
    )
    services.access_needs_record(
        user=trainee,
        categories=["hearing"],
        needs=["captions"],
        notes="请用文字联系 王芳",
        consent=True,
    )
    DisplayPreferences.objects.create(user=trainee, theme="dark")
    services.access_needs_view_log(viewer=instructor, subject=trainee, path="/r/")
    BarrierReport.objects.create(
        page_url="/en/courses/x/",
        what_happened="The video has no captions. 王芳, 13800000000",
        reply_by="email",
        email="wangfang@example.org",
        phone="13800000000",
        reporter=trainee,
    )
    ReportAccess.objects.create(user=instructor, report="dashboard")
    request = services.deletion_request_create(user=trainee, reason="王芳 is moving")
    return {
        "trainee": trainee,
        "instructor": instructor,
        "enrolment": enrolment,
        "deletion_request": request,
    }


TRAINEE_KINDS = {
    "accounts.account",
    "accounts.email_addresses",
    "accounts.access_needs",
    "accounts.consent_events",
    "accounts.needs_views",
    "accounts.deletion_requests",
    "accounts.display_preferences",
    "training.enrolments",
    "training.lesson_progress",
    "training.quiz_attempts",
    "training.attendance",
    "training.outcomes",
    "training.certificates",
    "training.audit_entries",
    "federation.barrier_reports",
}


def _download(client, person, language="en"):
    client.force_login(person)
    response = client.get(f"/{language}/profile/my-data.json")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_the_download_has_every_kind_of_record_held(client, world):
    response, data = _download(client, world["trainee"])
    kinds = {
        section["kind"]: section["records"]
        for section in data["records"]
        if section["records"]
    }
    assert set(kinds) >= TRAINEE_KINDS
    assert {p.key for p in personal_data.providers()} == {
        s["kind"] for s in data["records"]
    }
    # In the person's language, labels and choice values translated.
    enrolment = kinds["training.enrolments"][0]
    assert enrolment["status"] == "Completed"
    assert kinds["training.outcomes"][0]["outcome"] == (
        "Self-employed or started a business"
    )
    attempt = kinds["training.quiz_attempts"][0]
    assert attempt["answers"][0]["written answer"] == "王芳的回答 13800000000"
    assert response["Cache-Control"].count("no-store") == 1


def test_the_download_is_in_the_persons_language(client, world):
    trainee = world["trainee"]
    trainee.preferred_language = "zh-hans"
    trainee.save()
    _, data = _download(client, trainee, language="en")
    sections = {s["kind"]: s for s in data["records"]}
    with translation.override("zh-hans"):
        label = str(Enrolment._meta.get_field("status").verbose_name)
        value = str(Enrolment.Status.COMPLETED.label)
    assert value != "Completed"
    assert sections["training.enrolments"]["records"][0][label] == value


def test_the_instructor_download_has_what_they_recorded(client, world):
    _, data = _download(client, world["instructor"])
    kinds = {s["kind"] for s in data["records"] if s["records"]}
    assert {
        "accounts.staff_roles",
        "accounts.needs_views",
        "training.attendance_recorded_by",
        "training.outcomes_recorded_by",
        "training.quiz_answers",
        "training.sessions_taught",
        "training.audit_entries",
        "federation.report_accesses",
    } <= kinds


# Anonymisation ------------------------------------------------------------------


@pytest.fixture
def fed_admin():
    admin = UserFactory(name="联合会管理员", email="fed@example.org")
    StaffRole.objects.create(user=admin, role="federation_admin")
    admin.is_staff = True
    admin.is_superuser = True
    admin.save()
    return admin


def _anonymise(world, fed_admin, capture):
    with capture(execute=True):
        return services.person_anonymise(
            person=world["trainee"], actor=fed_admin, request=None
        )


def test_anonymise_erases_identity_and_keeps_figures(
    world, fed_admin, django_capture_on_commit_callbacks
):
    before = figures.totals(figures.Filters())
    assert _anonymise(world, fed_admin, django_capture_on_commit_callbacks)
    trainee = User.objects.get(pk=world["trainee"].pk)
    assert trainee.name.startswith("Anonymised trainee #")
    assert "wangfang" not in trainee.email and trainee.email.endswith(".invalid")
    assert trainee.phone == ""
    assert not trainee.has_usable_password() and not trainee.is_active
    assert not EmailAddress.objects.filter(user=trainee).exists()
    assert not AccessNeeds.objects.filter(user=trainee).exists()
    assert not DisplayPreferences.objects.filter(user=trainee).exists()
    assert list(trainee.consent_events.values_list("kind", flat=True)) == [
        ConsentEvent.Kind.WITHDRAWN,
        ConsentEvent.Kind.GIVEN,
    ]
    answer = QuizAnswer.objects.get()
    assert (answer.text, answer.comment) == ("", "")
    assert Outcome.objects.get().notes == ""
    assert Certificate.objects.get().trainee_name == ""
    entry = AuditEntry.objects.get(action="outcome_record")
    assert "王芳" not in json.dumps(entry.changes, ensure_ascii=False)
    report = BarrierReport.objects.get()
    assert (report.email, report.phone, report.reporter) == ("", "", None)
    assert "王芳" not in report.what_happened
    assert "13800000000" not in report.what_happened
    assert report.page_url == "/en/courses/x/"
    assert DeletionRequest.objects.get().handled_at is not None
    assert DeletionRequest.objects.get().reason == ""
    # Training records kept, so the federation's figures do not move.
    assert Enrolment.objects.filter(trainee=trainee).count() == 1
    assert figures.totals(figures.Filters()) == before
    # Audited, and the person told at the address they had, in their language.
    audit = AuditEntry.objects.get(action="person_anonymised")
    assert (audit.actor, audit.trainee) == (fed_admin, trainee)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wangfang@example.org"]
    assert mail.outbox[0].subject == "Your account has been deleted"
    # Nothing of the person is left in what remains.
    _, data_left = None, personal_data.providers()
    dump = json.dumps(
        [p.records(trainee) for p in data_left], ensure_ascii=False, default=str
    )
    assert "王芳" not in dump and "wangfang" not in dump and "13800000000" not in dump


def test_anonymise_twice_changes_nothing(
    world, fed_admin, django_capture_on_commit_callbacks
):
    assert _anonymise(world, fed_admin, django_capture_on_commit_callbacks)
    trainee = User.objects.get(pk=world["trainee"].pk)
    snapshot = (trainee.name, trainee.email, trainee.password)
    audits = AuditEntry.objects.count()
    assert not _anonymise(world, fed_admin, django_capture_on_commit_callbacks)
    trainee.refresh_from_db()
    assert (trainee.name, trainee.email, trainee.password) == snapshot
    assert AuditEntry.objects.count() == audits
    assert len(mail.outbox) == 1


def test_verification_says_the_details_were_removed(
    client, world, fed_admin, django_capture_on_commit_callbacks
):
    _anonymise(world, fed_admin, django_capture_on_commit_callbacks)
    response = client.get("/en/verify/ABCD2345EFGHJKLMNPQR/")
    assert response.status_code == 200
    text = soup(response).get_text(" ")
    assert "the holder's details were removed at their request" in text.lower()
    assert "王芳" not in text


def _admin_in_english(user) -> None:
    """The admin speaks the user's chosen language; these tests read English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def test_admin_carries_out_a_deletion_request(
    client, world, fed_admin, django_capture_on_commit_callbacks
):
    _admin_in_english(fed_admin)
    client.force_login(fed_admin)
    request = world["deletion_request"]
    listing = client.get("/admin/deletionrequest/")
    assert f"/admin/deletionrequest/carry-out/{request.pk}/" in listing.text
    url = f"/admin/deletionrequest/carry-out/{request.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Yes, anonymise this person" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert User.objects.get(pk=world["trainee"].pk).name.startswith("Anonymised")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert len(mail.outbox) == 1


def test_only_federation_admins_carry_out_deletion(client, world):
    client.force_login(world["instructor"])
    url = f"/admin/deletionrequest/carry-out/{world['deletion_request'].pk}/"
    assert client.post(url).status_code in (302, 403)
    assert User.objects.get(pk=world["trainee"].pk).name == "王芳"


def test_admin_delete_of_a_trainee_with_records_is_refused_not_500(
    client, world, fed_admin
):
    _admin_in_english(fed_admin)
    client.force_login(fed_admin)
    trainee = world["trainee"]
    response = client.post(f"/admin/users/delete/{trainee.pk}/")
    assert response.status_code == 302
    assert User.objects.filter(pk=trainee.pk).exists()
    page = client.get(response["Location"])
    assert "anonymise this person" in page.text
    bulk = client.post(
        f"/admin/bulk/accounts/user/delete/?next=/admin/users/&id={trainee.pk}"
    )
    assert bulk.status_code in (200, 302)
    assert User.objects.filter(pk=trainee.pk).exists()


def test_admin_delete_of_a_person_without_records_still_works(client, fed_admin):
    client.force_login(fed_admin)
    person = UserFactory()
    response = client.post(f"/admin/users/delete/{person.pk}/")
    assert response.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()


# Who viewed my needs -------------------------------------------------------------


def test_profile_lists_who_viewed_the_needs(client, world, django_assert_num_queries):
    trainee = world["trainee"]
    client.force_login(trainee)
    client.get("/en/profile/")
    response = client.get("/en/profile/")
    table = soup(response).select_one("#viewers-heading ~ div table")
    assert table.caption is not None
    cells = [td.get_text(" ", strip=True) for td in table.select("tbody td")]
    assert cells[0] == "李老师"
    assert "Base instructor" in cells[1]
    log = NeedsAccessLog.objects.get()
    assert table.select_one("time")["datetime"] == (
        timezone.localtime(log.at).isoformat()
    )


def _profile_queries(client, trainee, django_assert_num_queries, count):
    client.force_login(trainee)
    client.get("/en/profile/")
    with django_assert_num_queries(count, exact=False) as context:
        client.get("/en/profile/")
    return len(context.captured_queries)


def test_viewers_list_costs_the_same_queries_for_more_viewers(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    trainee = world["trainee"]
    client.force_login(trainee)
    client.get("/en/profile/")
    with CaptureQueriesContext(connection) as small:
        client.get("/en/profile/")
    base = TrainingBaseFactory()
    for number in range(5):
        viewer = UserFactory()
        StaffRole.objects.create(user=viewer, role="manager", base=base)
        services.access_needs_view_log(
            viewer=viewer, subject=trainee, path=f"/{number}"
        )
    with CaptureQueriesContext(connection) as large:
        client.get("/en/profile/")
    assert len(large.captured_queries) == len(small.captured_queries)


# No-store -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "profile/",
        "profile/details/",
        "profile/needs/",
        "profile/needs/withdraw/",
        "profile/my-data.json",
        "profile/delete/",
    ],
)
def test_profile_pages_are_not_stored(client, site_pages, path):
    client.force_login(UserFactory())
    response = client.get(f"/en/{path}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
