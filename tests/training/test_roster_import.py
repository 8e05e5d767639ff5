"""Roster import: upload, preview with per-row errors, all-or-nothing commit."""

import io
import time

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook

from accounts.models import StaffRole, User
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup
from training.models import AuditEntry, Enrolment, TrainingSession
from training.services import enrolment as enrolment_service
from training.services import roster_import
from training.services.roster_import import Action

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def session(site_pages):
    return training_factories.session(capacity=3, lessons=0)


@pytest.fixture
def instructor(session):
    return StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR, base=session.base).user


def _csv(text: str, encoding: str = "utf-8-sig") -> bytes:
    return text.encode(encoding)


def _xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _nothing_written(users_before: int) -> None:
    assert User.objects.count() == users_before
    assert not Enrolment.objects.exists()
    assert not AuditEntry.objects.filter(action="enrolment.create").exists()


def _messages(plan) -> list[str]:
    return [problem.message for problem in plan.problems]


# Reading files -----------------------------------------------------------------------


def test_preview_says_what_will_happen_to_each_row(session, instructor):
    # Linked to the base (home base), so enrolled rather than pending.
    existing = UserFactory(
        email="Old.Friend@Example.org", name="老朋友", home_base=session.base
    )
    already = UserFactory(email="already@example.org")
    enrolment_service.enrolment_create(trainee=already, session=session, actor=already)
    data = _csv(
        "邮箱,姓名,电话\n"
        "new1@example.org,张三,138 0013 8000\n"
        "old.friend@example.org,老朋友,\n"
        "already@example.org,已经在,\n"
        "new2@example.org,李四,\n"
        "new3@example.org,王五,\n"
    )
    users_before = User.objects.count()
    plan = roster_import.roster_import_preview(
        session=session, filename="名单.csv", data=data
    )
    assert plan.is_valid
    assert [(r.number, r.action) for r in plan.rows] == [
        (2, Action.NEW_ENROLLED),
        (3, Action.EXISTING_ENROLLED),
        (4, Action.ALREADY),
        (5, Action.NEW_WAITLISTED),
        (6, Action.NEW_WAITLISTED),
    ]
    assert plan.rows[0].phone == "138 0013 8000"
    assert plan.counts == {
        "new": 3,
        "existing": 1,
        "waitlisted": 2,
        "already": 1,
        "pending": 0,
        "total": 5,
    }
    assert User.objects.count() == users_before, "a preview writes nothing"
    assert Enrolment.objects.count() == 1
    assert existing.pk


def test_gbk_file_from_excel_is_read(session):
    data = _csv(
        "姓名,邮箱\n张三,zhang@example.org\n欧阳娜娜,ouyang@example.org\n", "gbk"
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    plan = roster_import.roster_import_preview(
        session=session, filename="roster.csv", data=data
    )
    assert plan.is_valid
    assert [r.name for r in plan.rows] == ["张三", "欧阳娜娜"]


def test_xlsx_with_english_headers_and_numeric_phone(session):
    data = _xlsx(
        [
            ["Name", "Email", "Phone", "Notes"],
            ["Wang Wu", "wangwu@example.org", 13800138000, "ignored"],
            [None, None, None, None],
            ["赵六", "zhaoliu@example.org", None, None],
        ]
    )
    plan = roster_import.roster_import_preview(
        session=session, filename="roster.xlsx", data=data
    )
    assert plan.is_valid
    assert [(r.number, r.name, r.phone) for r in plan.rows] == [
        (2, "Wang Wu", "13800138000"),
        (4, "赵六", ""),
    ]


FILE_PROBLEMS = [
    ("empty.csv", b"", roster_import.FILE_EMPTY),
    ("blank.csv", b"\r\n\r\n", roster_import.FILE_EMPTY),
    ("header.csv", _csv("email,name\n"), roster_import.NO_TRAINEES),
    ("utf16.csv", "email,name\na@example.org,甲\n".encode("utf-16"), None),
    ("latin.csv", b"email,name\n\x80\xff@example.org,x\n", None),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, roster_import.NOT_A_SPREADSHEET),
    ("notes.docx", b"PK\x03\x04" + b"\x00" * 50, roster_import.NOT_A_SPREADSHEET),
    ("fake.csv", b"%PDF-1.7\n\x00\x01\x02binary", None),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", roster_import.BAD_WORKBOOK),
    ("text.xlsx", _csv("email,name\na@example.org,甲\n"), roster_import.BAD_WORKBOOK),
]


@pytest.mark.parametrize(("filename", "data", "message"), FILE_PROBLEMS)
def test_unreadable_files_are_explained(session, filename, data, message):
    plan = roster_import.roster_import_preview(
        session=session, filename=filename, data=data
    )
    assert not plan.is_valid
    assert len(plan.problems) == 1
    if message is None:  # undecodable text
        message = (
            roster_import.UNKNOWN_ENCODING
            if filename != "fake.csv"
            else roster_import.NOT_A_SPREADSHEET
        )
    assert plan.problems[0].message == str(message)


def test_missing_columns_are_named(session):
    plan = roster_import.roster_import_preview(
        session=session, filename="r.csv", data=_csv("手机,备注\n138,x\n")
    )
    assert not plan.is_valid
    assert [p.column for p in plan.problems] == ["email", "name"]
    assert "邮箱 / email" in plan.problems[0].message
    assert "姓名 / name" in plan.problems[1].message


def test_row_problems_give_row_column_and_a_fix(session):
    data = _csv(
        "email,name,phone\n"
        "good@example.org,甲,\n"
        "not-an-email,乙,\n"
        ",丙,\n"
        "GOOD@example.org,丁,\n"
        "fine@example.org,,\n"
        "phone@example.org,戊,call me\n"
    )
    with translation.override("en"):  # the wording is checked below
        plan = roster_import.roster_import_preview(
            session=session, filename="r.csv", data=data
        )
        expected = [
            (3, "email", str(roster_import.EMAIL_INVALID % {"value": "not-an-email"})),
            (4, "email", str(roster_import.EMAIL_EMPTY)),
            (5, "email", str(roster_import.DUPLICATE_ROW % {"first": 2})),
            (6, "name", str(roster_import.NAME_EMPTY)),
            (
                7,
                "phone",
                str(roster_import.PHONE_INVALID % {"value": "call me", "max": 40}),
            ),
        ]
    assert not plan.is_valid
    found = [(p.row, p.column, p.message) for p in plan.problems]
    assert found == expected
    assert "row 2" in found[2][2] and "Delete one" in found[2][2]


def test_a_finished_session_takes_no_import(session):
    session.status = TrainingSession.Status.FINISHED
    session.save()
    plan = roster_import.roster_import_preview(
        session=session, filename="r.csv", data=_csv("email,name\na@example.org,甲\n")
    )
    assert _messages(plan) == [str(enrolment_service.SESSION_OVER)]


# Committing --------------------------------------------------------------------------


def _rows(data: bytes, filename: str = "r.csv"):
    rows, problems = roster_import.parse(filename=filename, data=data)
    assert not problems
    return rows


def test_commit_creates_accounts_and_audited_assisted_enrolments(session, instructor):
    # Linked to the base (home base), so enrolled rather than pending.
    existing = UserFactory(email="existing@example.org", home_base=session.base)
    rows = _rows(
        _csv(
            "email,name,phone\n"
            "New.Person@Example.org,新人,13800138000\n"
            "existing@example.org,老人,\n"
            "third@example.org,三,\n"
            "fourth@example.org,四,\n"
        )
    )
    plan = roster_import.roster_import_commit(
        session=session, rows=rows, actor=instructor
    )
    assert plan.is_valid
    new = User.objects.get(email="new.person@example.org")
    assert (new.name, new.phone) == ("新人", "13800138000")
    assert not new.has_usable_password()
    address = EmailAddress.objects.get(user=new)
    assert (address.email, address.verified, address.primary) == (
        "new.person@example.org",
        False,
        True,
    )
    enrolments = {
        e.trainee.email: e for e in Enrolment.objects.select_related("trainee")
    }
    assert enrolments["existing@example.org"].trainee == existing
    assert [enrolments[e].status for e in sorted(enrolments)] == [
        Status.ENROLLED,  # existing
        Status.WAITLISTED,  # fourth
        Status.ENROLLED,  # new.person
        Status.ENROLLED,  # third
    ]
    assert all(
        e.is_assisted and e.enrolled_by == instructor for e in enrolments.values()
    )
    entries = AuditEntry.objects.filter(action="enrolment.create")
    assert entries.count() == 4
    entry = entries.get(trainee=new)
    assert entry.actor == instructor and entry.session == session
    assert entry.base == session.base
    assert entry.object_id == enrolments["new.person@example.org"].pk
    assert entry.changes["status"] == [None, "enrolled"]
    assert entry.changes["assisted"] == [None, True]


def test_commit_twice_enrols_nobody_twice(session, instructor):
    rows = _rows(_csv("email,name\na@example.org,甲\nb@example.org,乙\n"))
    roster_import.roster_import_commit(session=session, rows=rows, actor=instructor)
    again = roster_import.roster_import_commit(
        session=session, rows=rows, actor=instructor
    )
    assert [r.action for r in again.rows] == [Action.ALREADY, Action.ALREADY]
    assert Enrolment.objects.count() == 2
    assert (
        User.objects.filter(email__in=["a@example.org", "b@example.org"]).count() == 2
    )
    assert AuditEntry.objects.filter(action="enrolment.create").count() == 2


def test_a_bad_row_at_commit_writes_nothing(session, instructor):
    rows = _rows(_csv("email,name\na@example.org,甲\nb@example.org,乙\n"))
    rows[1].email = "broken"
    users_before = User.objects.count()
    plan = roster_import.roster_import_commit(
        session=session, rows=rows, actor=instructor
    )
    assert not plan.is_valid
    _nothing_written(users_before)


def test_a_failure_half_way_through_the_writes_rolls_everything_back(
    session, instructor, monkeypatch
):
    rows = _rows(_csv("email,name\na@example.org,甲\nb@example.org,乙\n"))
    users_before = User.objects.count()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AuditEntry.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        roster_import.roster_import_commit(session=session, rows=rows, actor=instructor)
    _nothing_written(users_before)


def test_an_email_taken_by_a_concurrent_import_refuses_the_whole_file(
    session, instructor, monkeypatch
):
    rows = _rows(_csv("email,name\na@example.org,甲\nb@example.org,乙\n"))
    users_before = User.objects.count()
    real = roster_import._existing_users

    def stale(emails):
        found = real(emails)
        UserFactory(email="b@example.org")  # someone else created it meanwhile
        return found

    monkeypatch.setattr(roster_import, "_existing_users", stale)
    plan = roster_import.roster_import_commit(
        session=session, rows=rows, actor=instructor
    )
    assert _messages(plan) == [str(roster_import.SESSION_CHANGED)]
    # Rolled back as a whole (here the simulated other writer's row too, as it
    # ran inside the same test transaction).
    assert User.objects.count() == users_before
    assert not Enrolment.objects.exists()


def test_ten_thousand_rows_preview_and_commit_with_bulk_queries(session, instructor):
    lines = ["邮箱,姓名,电话"] + [
        f"trainee{n}@example.org,学员{n},1380000{n:04d}" for n in range(10_000)
    ]
    data = _csv("\n".join(lines) + "\n")
    started = time.monotonic()
    with CaptureQueriesContext(connection) as preview_queries:
        plan = roster_import.roster_import_preview(
            session=session, filename="big.csv", data=data
        )
    assert plan.is_valid and plan.counts["new"] == 10_000
    with CaptureQueriesContext(connection) as commit_queries:
        plan = roster_import.roster_import_commit(
            session=session, rows=plan.rows, actor=instructor
        )
    elapsed = time.monotonic() - started
    assert plan.is_valid
    assert Enrolment.objects.filter(session=session).count() == 10_000
    assert Enrolment.objects.filter(status=Status.ENROLLED).count() == 3
    assert AuditEntry.objects.filter(action="enrolment.create").count() == 10_000
    assert len(preview_queries) <= 25, len(preview_queries)
    # Batches (SQLite allows 999 parameters per query), never one query a row.
    assert len(commit_queries) <= 500, len(commit_queries)
    print(f"10,000 rows: preview + commit in {elapsed:.1f}s")
    assert elapsed < 120


# Pages -------------------------------------------------------------------------------


def _upload(client, session, filename: str, data: bytes):
    return client.post(
        f"/en/teach/sessions/{session.pk}/import/",
        {"file": SimpleUploadedFile(filename, data)},
    )


def test_upload_page_preview_and_confirm(client, session, instructor):
    client.force_login(instructor)
    page = soup(client.get(f"/en/teach/sessions/{session.pk}/import/"))
    assert page.select_one("form[enctype='multipart/form-data'] input#id_file")
    response = _upload(
        client,
        session,
        "r.csv",
        _csv("email,name\na@example.org,甲\nb@example.org,乙\n"),
    )
    doc = soup(response)
    assert not doc.select(".error-summary")
    rows = doc.select("table tbody tr")
    assert [r.select_one("th").get_text() for r in rows] == ["2", "3"]
    assert "A new account will be created and enrolled." in rows[0].get_text()
    assert not Enrolment.objects.exists()
    token = doc.select_one("input[name=token]")["value"]
    confirm = f"/en/teach/sessions/{session.pk}/import/confirm/"
    response = client.post(confirm, {"token": token})
    assert response.status_code == 302
    assert Enrolment.objects.count() == 2
    response = client.post(confirm, {"token": token}, follow=True)
    assert "There is nothing to import" in response.content.decode()
    assert Enrolment.objects.count() == 2


def test_preview_with_errors_offers_no_confirm_and_links_each_row(
    client, session, instructor
):
    client.force_login(instructor)
    response = _upload(
        client, session, "r.csv", _csv("email,name\na@example.org,甲\nbad,乙\n")
    )
    doc = soup(response)
    summary = doc.select_one(".error-summary")
    link = summary.select_one('a[href="#row-3"]')
    assert link.get_text(" ", strip=True).startswith("Row 3, column 邮箱 / email:")
    assert doc.select_one("tr#row-3.row--error") is not None
    assert doc.select_one("input[name=token]") is None
    assert not doc.select('form[action$="/import/confirm/"]')
    assert doc.select_one("input#id_file") is not None, "upload a corrected file"
    # A made-up token confirms nothing either.
    client.post(f"/en/teach/sessions/{session.pk}/import/confirm/", {"token": "x"})
    assert not Enrolment.objects.exists()


def test_a_token_from_another_preview_is_refused(client, session, instructor):
    client.force_login(instructor)
    first = soup(
        _upload(client, session, "r.csv", _csv("email,name\na@example.org,甲\n"))
    )
    old = first.select_one("input[name=token]")["value"]
    _upload(client, session, "r.csv", _csv("email,name\nb@example.org,乙\n"))
    client.post(f"/en/teach/sessions/{session.pk}/import/confirm/", {"token": old})
    assert not Enrolment.objects.exists()


def test_file_level_problem_is_shown_on_the_preview(client, session, instructor):
    client.force_login(instructor)
    data = "email,name\na@example.org,甲\n".encode("utf-16")
    doc = soup(_upload(client, session, "r.csv", data))
    text = doc.select_one(".error-summary").get_text(" ", strip=True)
    assert "neither UTF-8 nor GB18030" in text
    assert doc.select_one("input[name=token]") is None


def test_ten_thousand_rows_through_the_pages(client, session, instructor):
    client.force_login(instructor)
    lines = ["email,name"] + [f"p{n}@example.org,学员{n}" for n in range(10_000)]
    started = time.monotonic()
    response = _upload(client, session, "big.csv", _csv("\n".join(lines)))
    assert response.status_code == 200
    token = soup(response).select_one("input[name=token]")["value"]
    response = client.post(
        f"/en/teach/sessions/{session.pk}/import/confirm/", {"token": token}
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert Enrolment.objects.filter(session=session).count() == 10_000
    print(f"10,000 rows through upload, preview and confirm: {elapsed:.1f}s")
    assert elapsed < 180
