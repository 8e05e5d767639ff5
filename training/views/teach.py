"""The instructor pages: sessions, roster, assisted enrolment, attendance,
outcomes, roster import and export, and the audit trail. Views check
permissions, call selectors and services, and render."""

import secrets
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions as people
from accounts.models import User
from accounts.services import access_needs_view_log
from core.exports import csv_response, xlsx_response
from core.notices import notice, text_with
from training.audit_display import describe
from training.forms.teach import (
    CHOOSE_FROM_RESULTS,
    AssistedEnrolForm,
    AttendanceForm,
    ConfirmCodeForm,
    DayForm,
    OutcomeForm,
    RosterConfirmForm,
    RosterFilterForm,
    RosterUploadForm,
    TraineeSearchForm,
)
from training.models import (
    Enrolment,
    TrainingSession,
)
from training.permissions import (
    can_edit_session,
    can_run_session,
    can_view_session_audit,
    can_view_trainee_needs,
    session_manager_base_ids,
)
from training.selectors import teach as selectors
from training.services import roster_import
from training.services.enrolment import (
    EnrolmentError,
    enrolment_accept,
    enrolment_create,
    enrolment_pending_confirm_code,
    enrolment_withdraw,
)
from training.services.records import (
    RecordError,
    attendance_record_day,
    outcome_record,
)

Status = Enrolment.Status
AUDIT_PAGE_SIZE = 50
IMPORT_SESSION_KEY = "teach_roster_import_%s"

ROSTER_COLUMNS = [
    ("name", gettext_lazy("Trainee")),
    ("status", gettext_lazy("Status")),
    ("progress", gettext_lazy("Progress")),
    ("completed", gettext_lazy("Completed on")),
]


def session_page(check=can_run_session):
    """Load the session from the URL and refuse (403) anyone `check` refuses."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, pk: int, *args, **kwargs):
            session = selectors.session_for_staff(pk)
            if session is None:
                raise Http404
            if not check(request.user, session):
                raise PermissionDenied
            return view(request, session, *args, **kwargs)

        return wrapper

    return decorator


def _enrolment(session: TrainingSession, enrolment_pk: int) -> Enrolment:
    enrolment = selectors.enrolment_in_session(session, enrolment_pk)
    if enrolment is None:
        raise Http404
    return enrolment


def _status_message(request: HttpRequest, trainee: User, enrolment: Enrolment) -> None:
    messages.success(
        request,
        _("%(name)s: %(status)s.")
        % {"name": trainee, "status": enrolment.get_status_display()},
    )


# My sessions ---------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    if not people.is_staff_member(request.user):
        raise PermissionDenied
    sessions = list(selectors.sessions_for_staff(request.user))
    for session in sessions:
        session.can_run = can_run_session(request.user, session)
        session.can_audit = can_view_session_audit(request.user, session)
        session.can_edit = can_edit_session(request.user, session)
    return render(
        request,
        "training/teach/session_list.html",
        {
            "sessions": sessions,
            "can_create": session_manager_base_ids(request.user) != set(),
        },
    )


# Roster --------------------------------------------------------------------------


def _sort_links(query: dict, sort: str, descending: bool) -> list[dict]:
    headers = []
    for key, label in ROSTER_COLUMNS:
        current = key == sort
        next_dir = "desc" if current and not descending else "asc"
        headers.append(
            {
                "key": key,
                "label": label,
                "url": "?" + urlencode({**query, "sort": key, "dir": next_dir}),
                "aria_sort": (
                    ("descending" if descending else "ascending") if current else ""
                ),
            }
        )
    return headers


@never_cache
@session_page()
def roster(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    form = RosterFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    sort = request.GET.get("sort", "name")
    if sort not in selectors.ROSTER_SORTS:
        sort = "name"
    descending = request.GET.get("dir") == "desc"
    enrolments, total = selectors.roster_with_progress(
        session, status=status, sort=sort, descending=descending
    )
    query = {"status": status} if status else {}
    return render(
        request,
        "training/teach/roster.html",
        {
            "session": session,
            "form": form,
            "status": status,
            "enrolments": enrolments,
            "lesson_total": total,
            "headers": _sort_links(query, sort, descending),
            "can_audit": can_view_session_audit(request.user, session),
        },
    )


def _export_name(session: TrainingSession, extension: str) -> str:
    return f"roster-session-{session.pk}-{timezone.localdate():%Y%m%d}.{extension}"


@never_cache
@session_page()
def roster_export_csv(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    header, rows = selectors.roster_export_table(session)
    return csv_response(_export_name(session, "csv"), header, rows)


@never_cache
@session_page()
def roster_export_xlsx(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    header, rows = selectors.roster_export_table(session)
    return xlsx_response(_export_name(session, "xlsx"), _("Roster"), header, rows)


# Trainee access needs ------------------------------------------------------------


@never_cache
@login_required
def trainee_needs(request: HttpRequest, user_id: int) -> HttpResponse:
    trainee = get_object_or_404(User, pk=user_id)
    if not can_view_trainee_needs(request.user, trainee):
        raise PermissionDenied
    access_needs_view_log(viewer=request.user, subject=trainee, path=request.path)
    return render(
        request,
        "training/teach/trainee_needs.html",
        {"trainee": trainee, "needs": selectors.access_needs_for(trainee)},
    )


# Assisted enrolment, accept, decline and withdraw --------------------------------


def _chosen_person(session: TrainingSession, form: AssistedEnrolForm) -> User | None:
    """The person posted, if the search posted with them finds them again and
    they may take a place: never any user id."""
    if not form.is_valid():
        return None
    for result in selectors.trainee_search(session, form.cleaned_data["q"]):
        if result["person"].pk == form.cleaned_data["trainee"]:
            return None if result["refused"] else result["person"]
    return None


@session_page()
@require_http_methods(["GET", "POST"])
def assisted_enrol(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    if request.method == "POST":
        form = TraineeSearchForm({"q": request.POST.get("q", "")})
        form.is_valid()
        trainee = _chosen_person(session, AssistedEnrolForm(request.POST))
        if trainee is None:
            form.add_error(None, CHOOSE_FROM_RESULTS)
        else:
            try:
                enrolment = enrolment_create(
                    trainee=trainee, session=session, actor=request.user
                )
            except EnrolmentError as error:
                form.add_error(None, str(error))
            else:
                _status_message(request, trainee, enrolment)
                return redirect("teach:roster", pk=session.pk)
    else:
        form = TraineeSearchForm(request.GET or None)
        form.is_valid()
    query = form.cleaned_data.get("q", "") if form.is_bound else ""
    results = selectors.trainee_search(session, query) if query else None
    return render(
        request,
        "training/teach/assisted_enrol.html",
        {
            "session": session,
            "form": form,
            "results": results,
            "query": query,
        },
    )


@session_page()
@require_POST
def enrolment_accept_view(
    request: HttpRequest, session: TrainingSession, enrolment_pk: int
) -> HttpResponse:
    enrolment = _enrolment(session, enrolment_pk)
    try:
        enrolment = enrolment_accept(enrolment=enrolment, actor=request.user)
    except EnrolmentError as error:
        messages.error(request, str(error))
    else:
        _status_message(request, enrolment.trainee, enrolment)
    return redirect("teach:roster", pk=session.pk)


@session_page()
@require_POST
def enrolment_confirm_code_view(
    request: HttpRequest, session: TrainingSession, enrolment_pk: int
) -> HttpResponse:
    """Confirm a pending place in person with the trainee's one-time code."""
    enrolment = _enrolment(session, enrolment_pk)
    form = ConfirmCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["code"]))
        return redirect("teach:roster", pk=session.pk)
    try:
        enrolment = enrolment_pending_confirm_code(
            enrolment=enrolment, code=form.cleaned_data["code"], actor=request.user
        )
    except EnrolmentError as error:
        messages.error(
            request,
            _("%(name)s: %(error)s") % {"name": enrolment.trainee, "error": error},
        )
    else:
        _status_message(request, enrolment.trainee, enrolment)
    return redirect("teach:roster", pk=session.pk)


@session_page()
@require_http_methods(["GET", "POST"])
def enrolment_withdraw_view(
    request: HttpRequest, session: TrainingSession, enrolment_pk: int
) -> HttpResponse:
    """Withdraw a trainee, or decline an application, after a confirmation."""
    enrolment = _enrolment(session, enrolment_pk)
    if request.method == "POST":
        try:
            enrolment_withdraw(enrolment=enrolment, actor=request.user)
        except EnrolmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(name)s is withdrawn.") % {"name": enrolment.trainee}
            )
        return redirect("teach:roster", pk=session.pk)
    return render(
        request,
        "training/teach/withdraw_confirm.html",
        {
            "session": session,
            "enrolment": enrolment,
            "is_application": enrolment.status == Status.APPLIED,
        },
    )


# Attendance ----------------------------------------------------------------------


@session_page()
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    days = selectors.session_days(session)
    default = selectors.attendance_day_default(session, days)
    day_form = DayForm(request.GET or {"day": default.isoformat()}, days=days)
    day = day_form.cleaned_data["day"] if day_form.is_valid() else default
    enrolments, recorded = selectors.attendance_sheet(session, day)
    form = AttendanceForm(
        request.POST or None, enrolments=enrolments, recorded=recorded
    )
    if request.method == "POST" and form.is_valid():
        try:
            attendance_record_day(day=day, marks=form.marks(), actor=request.user)
        except RecordError as error:
            form.add_error(None, str(error))
        else:
            notice(
                request,
                _("Attendance saved for %(day)s.")
                % {"day": date_format(day, "DATE_FORMAT")},
                link_url=reverse("teach:roster", kwargs={"pk": session.pk}),
                link_text=_("Back to the roster"),
            )
            url = reverse("teach:attendance", kwargs={"pk": session.pk})
            return redirect(f"{url}?{urlencode({'day': day.isoformat()})}")
    return render(
        request,
        "training/teach/attendance.html",
        {
            "session": session,
            "day": day,
            "day_form": day_form,
            "form": form,
        },
    )


# Outcomes ------------------------------------------------------------------------


@session_page()
@require_http_methods(["GET", "POST"])
def outcomes(
    request: HttpRequest, session: TrainingSession, enrolment_pk: int
) -> HttpResponse:
    enrolment = _enrolment(session, enrolment_pk)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome_record(enrolment=enrolment, actor=request.user, **form.cleaned_data)
        except RecordError as error:
            field = getattr(error, "field", None)
            form.add_error(field, str(error))
        else:
            notice(
                request,
                text_with(
                    _("Outcome saved for %(name)s."), name=str(enrolment.trainee)
                ),
                link_url=reverse("teach:roster", kwargs={"pk": session.pk}),
                link_text=_("Back to the roster"),
            )
            return redirect("teach:outcomes", pk=session.pk, enrolment_pk=enrolment.pk)
    return render(
        request,
        "training/teach/outcomes.html",
        {
            "session": session,
            "enrolment": enrolment,
            "form": form,
            "recorded": selectors.outcomes_recorded(enrolment),
        },
    )


# Roster import -------------------------------------------------------------------


def _preview(request, session, plan, *, upload_form=None, token=""):
    return render(
        request,
        "training/teach/import_preview.html",
        {
            "session": session,
            "plan": plan,
            "counts": plan.counts,
            "upload_form": upload_form or RosterUploadForm(),
            "confirm_form": RosterConfirmForm(initial={"token": token})
            if token
            else None,
        },
    )


@session_page()
@require_http_methods(["GET", "POST"])
def roster_import_upload(request: HttpRequest, session: TrainingSession):
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        plan = roster_import.roster_import_preview(
            session=session, filename=upload.name, data=upload.read()
        )
        key = IMPORT_SESSION_KEY % session.pk
        request.session.pop(key, None)
        if not plan.is_valid:
            return _preview(request, session, plan)
        token = secrets.token_urlsafe(16)
        request.session[key] = {
            "token": token,
            "rows": [row.as_list() for row in plan.rows],
        }
        return _preview(request, session, plan, token=token)
    return render(
        request,
        "training/teach/import_upload.html",
        {"session": session, "form": form},
    )


@session_page()
@require_POST
def roster_import_confirm(request: HttpRequest, session: TrainingSession):
    key = IMPORT_SESSION_KEY % session.pk
    stored = request.session.get(key)
    form = RosterConfirmForm(request.POST)
    if (
        not stored
        or not form.is_valid()
        or not secrets.compare_digest(form.cleaned_data["token"], stored["token"])
    ):
        messages.info(
            request,
            _(
                "There is nothing to import: this file was already imported, or "
                "the preview is out of date. Upload the file again if you need to."
            ),
        )
        return redirect("teach:roster", pk=session.pk)
    plan = roster_import.roster_import_commit(
        session=session,
        rows=roster_import.rows_from_lists(stored["rows"]),
        actor=request.user,
    )
    del request.session[key]
    if not plan.is_valid:
        return _preview(request, session, plan)
    counts = plan.counts
    messages.success(
        request,
        _(
            "Import done: %(new)s new accounts, %(existing)s existing accounts "
            "enrolled, %(waitlisted)s on the waiting list, %(already)s already "
            "in the session."
        )
        % counts,
    )
    if counts["pending"]:
        messages.info(
            request,
            _(
                "%(pending)s people already had an account but no place at this "
                "base: their places wait for them to confirm on My learning."
            )
            % counts,
        )
    return redirect("teach:roster", pk=session.pk)


# Audit trail ---------------------------------------------------------------------


@session_page(check=can_view_session_audit)
def audit_trail(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    paginator = Paginator(selectors.audit_trail(session), AUDIT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    show_people = people.can_manage_base(request.user, session.base)
    for entry in page.object_list:
        describe(entry, show_people=show_people)
    return render(
        request,
        "training/teach/audit.html",
        {
            "session": session,
            "page_obj": page,
            "can_run": can_run_session(request.user, session),
        },
    )
