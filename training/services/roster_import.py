"""Roster import: read a CSV or XLSX file of trainees, say what will happen to
each row, then create accounts and enrolments for all rows or none.

Built for files of tens of thousands of rows: every read and write is a bulk
query (chunked), never one query per row. Enrolment statuses follow the same
rule as an assisted `enrolment_create` (a seat while there is one, then the
waiting list), decided once under the session's row lock."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from training.models import AuditEntry, Enrolment, TrainingSession
from training.permissions import linked_user_ids, place_refused_user_ids
from training.services.enrolment import (
    SESSION_OVER,
    confirmation_code_new,
    seats_taken,
    session_lock_for_enrolment,
)
from training.services.figures import refresh_people
from training.services.periods import PeriodLocked, period_lock_check

Status = Enrolment.Status

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# A roster has a handful of columns; anything past this is never read.
MAX_COLUMNS = 50
# Rows looked at, blank ones included, before giving up on a file.
MAX_SCANNED_ROWS = 5 * MAX_ROWS
# An .xlsx is a zip: what it holds once unpacked, all entries together.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
CHUNK = 500
NAME_MAX = User._meta.get_field("name").max_length
PHONE_MAX = User._meta.get_field("phone").max_length
PHONE_CHARACTERS = set("0123456789+-() ")

COLUMN_NAMES = {
    "email": {"email", "e-mail", "email address", "邮箱", "电子邮箱", "电子邮件"},
    "name": {"name", "full name", "姓名", "名字"},
    "phone": {"phone", "mobile", "telephone", "电话", "手机", "手机号", "电话号码"},
}
REQUIRED_COLUMNS = ("email", "name")
COLUMN_LABELS = {
    "email": "邮箱 / email",
    "name": "姓名 / name",
    "phone": "电话 / phone",
}

# File-level problems.
NOT_A_SPREADSHEET = _(
    "This file is not a CSV or Excel (.xlsx) file. Save the roster as "
    "“CSV UTF-8” or “Excel workbook (.xlsx)” and upload it again."
)
FILE_TOO_LARGE = _(
    "This file is larger than 10 MB. Split the roster into smaller files."
)
FILE_EMPTY = _(
    "This file is empty. Put the column names (email, name) in the first row "
    "and one trainee on each row below."
)
NO_TRAINEES = _(
    "This file has column names but no trainees. Add one trainee on each row "
    "below the column names."
)
TOO_MANY_ROWS = _(
    "This file has more than %(max)s trainees. Split it into smaller files."
)
SHEET_TOO_LARGE = _(
    "This Excel file says its first sheet has %(rows)s rows and %(columns)s "
    "columns: more than a roster can have (at most %(max_rows)s trainees and "
    "%(max_columns)s columns). Copy only the rows and columns with trainees "
    "into a new workbook, save it and upload it again."
)
WORKBOOK_TOO_LARGE = _(
    "This Excel file unpacks to more than 100 MB: more than a roster can "
    "have. Copy only the rows and columns with trainees into a new workbook, "
    "save it and upload it again."
)
UNKNOWN_ENCODING = _(
    "We could not read the text in this file: it is neither UTF-8 nor GB18030 "
    "(GBK). In Excel, choose “Save as” and “CSV UTF-8 (comma delimited)”, "
    "then upload it again."
)
BAD_WORKBOOK = _(
    "We could not open this Excel file. Open it in Excel or WPS, save it again "
    "as “Excel workbook (.xlsx)” and upload it again."
)
MISSING_COLUMN = _(
    "The file has no “%(column)s” column. The first row must name the columns: "
    "邮箱 or email, 姓名 or name, and optionally 电话 or phone."
)
# Row-level problems: what is wrong and how to fix it.
EMAIL_EMPTY = _("The email address is empty. Type the trainee's email address.")
EMAIL_INVALID = _(
    "“%(value)s” is not an email address. Check it has an @ and a domain, "
    "like name@example.com."
)
NAME_EMPTY = _("The name is empty. Type the trainee's name.")
NAME_TOO_LONG = _("The name is longer than %(max)s characters. Shorten it.")
PHONE_INVALID = _(
    "“%(value)s” is not a phone number. Use only digits, spaces, + - and "
    "brackets, at most %(max)s characters, or leave it empty."
)
DUPLICATE_ROW = _(
    "This email address is also on row %(first)s. Delete one of the two rows."
)
ROW_IS_STAFF = _(
    "“%(value)s” is a staff account at this base or at the federation. Staff "
    "cannot take a trainee's place: delete this row."
)
# At commit time.
SESSION_CHANGED = _(
    "Someone changed this session's trainees while you were importing. "
    "Upload the file again to see what will happen now."
)


class Action:
    NEW_ENROLLED = "new_enrolled"
    NEW_WAITLISTED = "new_waitlisted"
    EXISTING_ENROLLED = "existing_enrolled"
    EXISTING_WAITLISTED = "existing_waitlisted"
    # An existing account not yet linked to the base (see enrolment's
    # docstring): a pending place the trainee confirms; no seat until then.
    EXISTING_PENDING = "existing_pending"
    ALREADY = "already"

    LABELS = {
        NEW_ENROLLED: _("A new account will be created and enrolled."),
        NEW_WAITLISTED: _("A new account will be created and put on the waiting list."),
        EXISTING_ENROLLED: _("Their existing account will be enrolled."),
        EXISTING_WAITLISTED: _(
            "Their existing account will be put on the waiting list."
        ),
        EXISTING_PENDING: _(
            "They have an account but no place at this base yet: the place "
            "will wait for them to confirm it, and their access needs stay "
            "hidden until then."
        ),
        ALREADY: _("Already in this session. Nothing will change."),
    }


class RosterFileError(Exception):
    """The file cannot be read at all (not a row problem)."""


@dataclass
class RowProblem:
    row: int | None
    column: str | None
    message: str

    @property
    def column_label(self):
        return COLUMN_LABELS.get(self.column, "") if self.column else ""


@dataclass
class Row:
    number: int
    email: str
    name: str
    phone: str
    problems: list[RowProblem] = field(default_factory=list)
    action: str = ""
    current_status: str = ""

    @property
    def action_label(self):
        return Action.LABELS.get(self.action, "")

    @property
    def current_status_label(self):
        return Status(self.current_status).label if self.current_status else ""

    def as_list(self) -> list:
        return [self.number, self.email, self.name, self.phone]


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, *actions: str) -> int:
        return sum(1 for row in self.rows if row.action in actions)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "new": self.count(Action.NEW_ENROLLED, Action.NEW_WAITLISTED),
            "existing": self.count(
                Action.EXISTING_ENROLLED, Action.EXISTING_WAITLISTED
            ),
            "waitlisted": self.count(Action.NEW_WAITLISTED, Action.EXISTING_WAITLISTED),
            "already": self.count(Action.ALREADY),
            "pending": self.count(Action.EXISTING_PENDING),
            "total": len(self.rows),
        }


# Reading the file --------------------------------------------------------------


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise RosterFileError(UNKNOWN_ENCODING)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(UNKNOWN_ENCODING)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _limited_rows(rows) -> list[list[str]]:
    """Cells as strings, at most MAX_COLUMNS a row, stopping with a clear
    error as soon as the file has more trainees than an import takes (or
    too many rows, blank ones included, to look at)."""
    cells: list[list[str]] = []
    filled = 0
    for scanned, row in enumerate(rows, start=1):
        if scanned > MAX_SCANNED_ROWS:
            raise RosterFileError(TOO_MANY_ROWS % {"max": MAX_ROWS})
        values = [_cell(c) for c in row[:MAX_COLUMNS]]
        if any(values):
            filled += 1
            # The first filled row names the columns.
            if filled > MAX_ROWS + 1:
                raise RosterFileError(TOO_MANY_ROWS % {"max": MAX_ROWS})
        cells.append(values)
    return cells


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    try:
        return _limited_rows(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise RosterFileError(NOT_A_SPREADSHEET) from error


def _xlsx_unpacked_size_check(data: bytes) -> None:
    """Refuses a zip bomb before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise RosterFileError(BAD_WORKBOOK) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise RosterFileError(WORKBOOK_TOO_LARGE)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _xlsx_unpacked_size_check(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise RosterFileError(BAD_WORKBOOK) from error
    try:
        if not workbook.worksheets:
            raise RosterFileError(BAD_WORKBOOK)
        sheet = workbook.worksheets[0]
        # The size the sheet declares (its <dimension> element), read before
        # any row: a tiny file may declare A1:XFD1048576.
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
        if rows > MAX_SCANNED_ROWS or columns > MAX_COLUMNS:
            raise RosterFileError(
                SHEET_TOO_LARGE
                % {
                    "rows": rows,
                    "columns": columns,
                    "max_rows": MAX_ROWS,
                    "max_columns": MAX_COLUMNS,
                }
            )
        try:
            return _limited_rows(
                sheet.iter_rows(
                    values_only=True,
                    max_col=min(columns or MAX_COLUMNS, MAX_COLUMNS),
                )
            )
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise RosterFileError(BAD_WORKBOOK) from error
    finally:
        workbook.close()


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    return not any(b < 9 or 13 < b < 32 for b in sample if b != 27)


def read_rows(*, filename: str, data: bytes) -> list[list[str]]:
    """Cells of a CSV or XLSX upload as strings, first row included."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise RosterFileError(FILE_TOO_LARGE)
    if not data.strip():
        raise RosterFileError(FILE_EMPTY)
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        if not name.endswith((".xlsx", ".xlsm")):
            raise RosterFileError(NOT_A_SPREADSHEET)
        return _xlsx_rows(data)
    if name.endswith((".csv", ".txt")):
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise RosterFileError(UNKNOWN_ENCODING)
        if not _looks_like_text(data):
            raise RosterFileError(NOT_A_SPREADSHEET)
        return _csv_rows(data)
    if name.endswith((".xlsx", ".xlsm")):
        raise RosterFileError(BAD_WORKBOOK)
    raise RosterFileError(NOT_A_SPREADSHEET)


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = title.strip().lstrip("\ufeff").lower()
        for column, names in COLUMN_NAMES.items():
            if key in names and column not in found:
                found[column] = index
    return found


def parse(*, filename: str, data: bytes) -> tuple[list[Row], list[RowProblem]]:
    """Rows with their own problems (empty, invalid, duplicate), before
    looking at the database."""
    try:
        cells = read_rows(filename=filename, data=data)
    except RosterFileError as error:
        return [], [RowProblem(None, None, str(error.args[0]))]
    while cells and not any(cells[0]):
        cells.pop(0)
    if not cells:
        return [], [RowProblem(None, None, str(FILE_EMPTY))]
    columns = _header_map(cells[0])
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        return [], [
            RowProblem(1, c, str(MISSING_COLUMN % {"column": COLUMN_LABELS[c]}))
            for c in missing
        ]

    def value(row: list[str], column: str) -> str:
        index = columns.get(column)
        return row[index] if index is not None and index < len(row) else ""

    rows = [
        Row(number, value(r, "email"), value(r, "name"), value(r, "phone"))
        for number, r in enumerate(cells[1:], start=2)
        if any(r)
    ]
    if not rows:
        return [], [RowProblem(None, None, str(NO_TRAINEES))]
    if len(rows) > MAX_ROWS:
        return [], [RowProblem(None, None, str(TOO_MANY_ROWS % {"max": MAX_ROWS}))]
    return rows, validate_rows(rows)


def validate_rows(rows: list[Row]) -> list[RowProblem]:
    first_seen: dict[str, int] = {}
    problems: list[RowProblem] = []
    for row in rows:
        row.problems = []
        row.email = row.email.strip().lower()
        if not row.email:
            row.problems.append(RowProblem(row.number, "email", str(EMAIL_EMPTY)))
        else:
            try:
                validate_email(row.email)
            except ValidationError:
                row.problems.append(
                    RowProblem(
                        row.number, "email", str(EMAIL_INVALID % {"value": row.email})
                    )
                )
            else:
                if row.email in first_seen:
                    row.problems.append(
                        RowProblem(
                            row.number,
                            "email",
                            str(DUPLICATE_ROW % {"first": first_seen[row.email]}),
                        )
                    )
                else:
                    first_seen[row.email] = row.number
        if not row.name:
            row.problems.append(RowProblem(row.number, "name", str(NAME_EMPTY)))
        elif len(row.name) > NAME_MAX:
            row.problems.append(
                RowProblem(row.number, "name", str(NAME_TOO_LONG % {"max": NAME_MAX}))
            )
        if row.phone and (
            len(row.phone) > PHONE_MAX or not set(row.phone) <= PHONE_CHARACTERS
        ):
            row.problems.append(
                RowProblem(
                    row.number,
                    "phone",
                    str(PHONE_INVALID % {"value": row.phone, "max": PHONE_MAX}),
                )
            )
        problems.extend(row.problems)
    return problems


# Deciding what happens ------------------------------------------------------------


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing_users(emails: list[str]) -> dict[str, User]:
    found: dict[str, User] = {}
    for chunk in _chunks(emails):
        for user in (
            User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
            .only("pk", "email", "name", "is_superuser", "home_base_id")
        ):
            found[user.email_lower] = user
    return found


def _plan(session: TrainingSession, rows: list[Row], problems: list[RowProblem]):
    plan = Plan(rows=rows, problems=list(problems))
    if session.status in (
        TrainingSession.Status.FINISHED,
        TrainingSession.Status.CANCELLED,
    ):
        plan.problems.insert(0, RowProblem(None, None, str(SESSION_OVER)))
    try:
        period_lock_check(session=session)
    except PeriodLocked as locked:
        plan.problems.insert(0, RowProblem(None, None, str(locked)))
    if plan.problems:
        return plan, {}
    users = _existing_users([row.email for row in rows])
    user_ids = [user.pk for user in users.values()]
    refused: set[int] = set()
    linked: set[int] = set()
    for chunk in _chunks(user_ids):
        refused |= place_refused_user_ids(session.base, chunk)
        linked |= linked_user_ids(session.base, chunk)
    for row in rows:
        user = users.get(row.email)
        if user is not None and user.pk in refused:
            problem = RowProblem(
                row.number, "email", str(ROW_IS_STAFF % {"value": row.email})
            )
            row.problems.append(problem)
            plan.problems.append(problem)
    if plan.problems:
        return plan, {}
    statuses = dict(session.enrolments.values_list("trainee_id", "status"))
    free = session.capacity - seats_taken(session)
    for row in rows:
        user = users.get(row.email)
        if user is not None and user.pk in statuses:
            row.action = Action.ALREADY
            row.current_status = statuses[user.pk]
            continue
        if user is not None and user.pk not in linked:
            row.action = Action.EXISTING_PENDING
            continue
        seat = free > 0
        free -= 1 if seat else 0
        if user is None:
            row.action = Action.NEW_ENROLLED if seat else Action.NEW_WAITLISTED
        else:
            row.action = (
                Action.EXISTING_ENROLLED if seat else Action.EXISTING_WAITLISTED
            )
    return plan, users


def roster_import_preview(
    *, session: TrainingSession, filename: str, data: bytes
) -> Plan:
    """What importing this file would do, row by row. Writes nothing."""
    rows, problems = parse(filename=filename, data=data)
    plan, _users = _plan(session, rows, problems)
    return plan


def rows_from_lists(stored: list[list]) -> list[Row]:
    """Rows kept between preview and confirm (see Row.as_list)."""
    return [Row(int(n), str(e), str(name), str(p)) for n, e, name, p in stored]


def roster_import_commit(
    *, session: TrainingSession, rows: list[Row], actor: User
) -> Plan:
    """Create the accounts and enrolments for every row, or nothing. Checks the
    rows again against the database as it is now, under the session's lock, so
    confirming twice enrols nobody twice."""
    problems = validate_rows(rows)
    try:
        with transaction.atomic():
            session = session_lock_for_enrolment(session)
            plan, users = _plan(session, rows, problems)
            if not plan.is_valid:
                return plan
            _write(session, plan, users, actor)
            return plan
    except IntegrityError:
        plan = Plan(rows=rows, problems=[RowProblem(None, None, str(SESSION_CHANGED))])
        return plan


def _write(session: TrainingSession, plan: Plan, users: dict, actor: User) -> None:
    new_rows = [
        r for r in plan.rows if r.action in (Action.NEW_ENROLLED, Action.NEW_WAITLISTED)
    ]
    new_users = []
    for row in new_rows:
        user = User(email=row.email, name=row.name, phone=row.phone)
        # No usable password: they sign in with a code sent to their email.
        user.set_unusable_password()
        user.clean_fields(exclude=["password"])
        new_users.append(user)
    User.objects.bulk_create(new_users, batch_size=CHUNK)
    users = users | {user.email: user for user in new_users}
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=False, primary=True)
            for user in new_users
        ],
        batch_size=CHUNK,
    )
    now = timezone.now()
    enrolments = []
    for row in plan.rows:
        if row.action == Action.ALREADY:
            continue
        waitlisted = row.action in (Action.NEW_WAITLISTED, Action.EXISTING_WAITLISTED)
        pending = row.action == Action.EXISTING_PENDING
        enrolments.append(
            Enrolment(
                trainee=users[row.email],
                session=session,
                status=Status.PENDING
                if pending
                else Status.WAITLISTED
                if waitlisted
                else Status.ENROLLED,
                enrolled_by=actor,
                status_changed_at=now,
                confirmation_code=confirmation_code_new() if pending else "",
            )
        )
    Enrolment.objects.bulk_create(enrolments, batch_size=CHUNK)
    # bulk_create sends no signals. The people's other sessions too: a new
    # place can come before their places there (CountedPlace).
    refresh_people(
        [enrolment.trainee_id for enrolment in enrolments], sessions={session.pk}
    )
    # The same audit line as enrolment_create writes for an assisted enrolment.
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor,
                action="enrolment.create",
                object_type=Enrolment._meta.model_name,
                object_id=enrolment.pk,
                session=session,
                base_id=session.base_id,
                trainee_id=enrolment.trainee_id,
                changes={
                    "status": [None, enrolment.status],
                    "assisted": [None, True],
                    "source": [None, "roster_import"],
                },
            )
            for enrolment in enrolments
        ],
        batch_size=CHUNK,
    )
