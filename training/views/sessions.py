"""Setting up sessions in /teach/: create, edit, run again, close or reopen
enrolment, cancel. Base managers and federation admins only
(training.permissions.can_manage_sessions_at / can_edit_session)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import TrainingBase
from training.forms.sessions import (
    BaseChoiceForm,
    CancelForm,
    DuplicateForm,
    SessionForm,
    meeting_formset,
)
from training.models import TrainingSession
from training.permissions import can_edit_session
from training.selectors import sessions as selectors
from training.services import sessions as services
from training.services.sessions import SessionError, SessionInvalid


def managed_session(view):
    """Load the session and refuse (403) anyone who may not set it up."""

    @login_required
    @wraps(view)
    def wrapper(request, pk: int, *args, **kwargs):
        session = selectors.session_for_setup(pk)
        if session is None:
            raise Http404
        if not can_edit_session(request.user, session):
            raise PermissionDenied
        return view(request, session, *args, **kwargs)

    return wrapper


def _save_session(request, form, formset, save) -> TrainingSession | None:
    """Parse the page, call the service, and put its refusals beside the
    fields they are about. None when something is wrong."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    rows = formset.meetings()
    try:
        return save(
            fields=form.session_fields(),
            instructors=list(form.cleaned_data["instructors"]),
            meetings=[data for _, data in rows],
            actor=request.user,
        )
    except SessionInvalid as error:
        for field, problems in error.errors.items():
            for problem in problems:
                form.add_error(field, problem)
        for index, fields in error.meeting_errors.items():
            for field, problems in fields.items():
                for problem in problems:
                    rows[index][0].add_error(field, problem)
    except SessionError as error:
        form.add_error(None, str(error))
    return None


def _form_page(request, *, base, session, form, formset) -> HttpResponse:
    meeting_forms = [
        (form_, index < formset.initial_form_count())
        for index, form_ in enumerate(formset.forms)
    ]
    has_errors = bool(
        form.errors or formset.non_form_errors() or any(f.errors for f in formset)
    )
    return render(
        request,
        "training/teach/sessions/form.html",
        {
            "base": base,
            "session": session,
            "form": form,
            "formset": formset,
            "meeting_forms": meeting_forms,
            "has_errors": has_errors,
            "hide_run_links": False,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    bases = selectors.bases_managed(request.user)
    choice = BaseChoiceForm(request.GET or None, bases=bases)
    base: TrainingBase | None = None
    if choice.is_valid():
        base = choice.cleaned_data["base"]
    else:
        only = list(bases[:2])
        if not only:
            raise PermissionDenied
        if len(only) == 1 and "base" not in request.GET:
            base = only[0]
    if base is None:
        return render(
            request, "training/teach/sessions/choose_base.html", {"form": choice}
        )
    form = SessionForm(request.POST or None, base=base)
    formset = meeting_formset(request.POST or None)
    if request.method == "POST":

        def save(**kwargs):
            return services.session_create(base=base, **kwargs)

        session = _save_session(request, form, formset, save)
        if session is not None:
            messages.success(
                request,
                _("Session created: %(name)s.") % {"name": session.display_name},
            )
            return redirect("teach:session_edit", pk=session.pk)
    return _form_page(request, base=base, session=None, form=form, formset=formset)


@never_cache
@managed_session
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    form = SessionForm(request.POST or None, base=session.base, session=session)
    formset = meeting_formset(request.POST or None, session=session)
    if request.method == "POST":

        def save(**kwargs):
            return services.session_update(session=session, **kwargs)

        saved = _save_session(request, form, formset, save)
        if saved is not None:
            messages.success(
                request, _("Changes saved: %(name)s.") % {"name": saved.display_name}
            )
            return redirect("teach:session_edit", pk=saved.pk)
    return _form_page(
        request, base=session.base, session=session, form=form, formset=formset
    )


@never_cache
@managed_session
@require_http_methods(["GET", "POST"])
def session_duplicate_view(
    request: HttpRequest, session: TrainingSession
) -> HttpResponse:
    form = DuplicateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.session_duplicate(
                session=session, actor=request.user, **form.cleaned_data
            )
        except SessionError as error:
            form.add_error("starts_on", str(error))
        else:
            messages.success(
                request,
                _("New session created from %(name)s. Check its details and save.")
                % {"name": session.display_name},
            )
            return redirect("teach:session_edit", pk=copy.pk)
    return render(
        request,
        "training/teach/sessions/duplicate.html",
        {"session": session, "form": form},
    )


@never_cache
@managed_session
@require_http_methods(["GET", "POST"])
def session_cancel_view(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(
                session=session, reason=form.cleaned_data["reason"], actor=request.user
            )
        except SessionError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request,
                _("%(name)s is cancelled. Everyone with a place is told.")
                % {"name": session.display_name},
            )
            return redirect("teach:sessions")
    return render(
        request,
        "training/teach/sessions/cancel.html",
        {
            "session": session,
            "form": form,
            "already": session.status == TrainingSession.Status.CANCELLED,
        },
    )


@managed_session
@require_POST
def session_enrolment(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    """Close or reopen enrolment (POST action=close or open)."""
    action = request.POST.get("action")
    change = {
        "close": services.session_enrolment_close,
        "open": services.session_enrolment_open,
    }
    if action not in change:
        messages.error(request, _("Choose to close or to reopen enrolment."))
        return redirect("teach:session_edit", pk=session.pk)
    try:
        change[action](session=session, actor=request.user)
    except SessionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Enrolment is closed: trainees can no longer enrol themselves.")
            if action == "close"
            else _("Enrolment is open again."),
        )
    return redirect("teach:session_edit", pk=session.pk)
