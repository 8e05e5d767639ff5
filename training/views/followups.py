"""Follow-ups: the instructors' page per session (who is due, bulk entry,
confirming trainees' reports) and the trainee's own report."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.notices import notice
from training.forms.followups import (
    BulkOutcomeForm,
    FollowUpChoiceForm,
    SelfReportForm,
)
from training.models import Outcome, TrainingSession
from training.selectors import followups as selectors
from training.services.followups import (
    BulkOutcomeError,
    FollowUpError,
    outcome_self_report,
    outcomes_record_bulk,
)
from training.views.teach import session_page


def _page_url(session: TrainingSession, follow_up: int | None) -> str:
    url = reverse("teach:followups", kwargs={"pk": session.pk})
    return f"{url}?{urlencode({'follow_up': follow_up})}" if follow_up else url


@session_page()
@require_http_methods(["GET", "POST"])
def followups(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.session_followups(session, today=today)
    choice = FollowUpChoiceForm(request.GET if "follow_up" in request.GET else None)
    follow_up = choice.cleaned_data["follow_up"] if choice.is_valid() else None
    form = None
    if follow_up is not None:
        due = [row for row in rows if row.cells[follow_up].is_due]
        data = request.POST if request.method == "POST" else None
        form = BulkOutcomeForm(data, rows=due, follow_up=follow_up)
        if data is not None and form.is_valid():
            try:
                saved = outcomes_record_bulk(
                    follow_up=follow_up, rows=form.outcome_rows(), actor=request.user
                )
            except BulkOutcomeError as error:
                for pk, row_error in error.errors.items():
                    field = getattr(row_error, "field", "status")
                    form.add_error(f"{field}_{pk}", str(row_error))
            else:
                notice(
                    request,
                    ngettext(
                        "Follow-up saved for %(count)s trainee.",
                        "Follow-ups saved for %(count)s trainees.",
                        len(saved),
                    )
                    % {"count": len(saved)},
                    link_url=reverse("teach:roster", kwargs={"pk": session.pk}),
                    link_text=_("Back to the roster"),
                )
                return redirect(_page_url(session, follow_up))
    elif request.method == "POST":
        return redirect(_page_url(session, None))
    return render(
        request,
        "training/followups/session.html",
        {
            "session": session,
            "rows": rows,
            "follow_ups": [
                (n, Outcome.FollowUp(n).label, selectors.follow_up_due_on(session, n))
                for n in selectors.FOLLOW_UPS
            ],
            "choice": choice,
            "follow_up": follow_up,
            "follow_up_label": Outcome.FollowUp(follow_up).label if follow_up else "",
            "form": form,
            "states": selectors.State,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup_report(request: HttpRequest, enrolment_pk: int, months: int):
    """Only the trainee of the place sees it (404 for anyone else)."""
    if months not in selectors.FOLLOW_UPS:
        raise Http404
    enrolment = selectors.enrolment_for_trainee(enrolment_pk, request.user)
    if enrolment is None:
        raise Http404
    session = enrolment.session
    due_on = selectors.follow_up_due_on(session, months)
    outcome = selectors.outcome_at(enrolment, months)
    is_due = timezone.localdate() >= due_on
    form = None
    if is_due and outcome is None:
        form = SelfReportForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                outcome_self_report(
                    enrolment=enrolment,
                    follow_up=months,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except FollowUpError as error:
                form.add_error(getattr(error, "field", None), str(error))
            else:
                notice(
                    request,
                    _("Thank you. Your answer is sent."),
                    link_url=reverse("my_learning"),
                    link_text=_("Back to My learning"),
                )
                return redirect(
                    "followup_report", enrolment_pk=enrolment.pk, months=months
                )
    return render(
        request,
        "training/followups/report.html",
        {
            "enrolment": enrolment,
            "session": session,
            "months": months,
            "follow_up_label": Outcome.FollowUp(months).label,
            "due_on": due_on,
            "is_due": is_due,
            "outcome": outcome,
            "form": form,
        },
    )
