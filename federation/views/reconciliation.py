"""Reconciliation and reporting periods: the periods (create, close,
reopen) and, for a chosen period, each base's own records against the
federation totals with the inconsistencies found. Auditors and federation
admins; only admins reopen. Every view of the reports is recorded in
ReportAccess."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import TrainingBase
from federation.forms.reconciliation import (
    PeriodChoiceForm,
    PeriodCreateForm,
    ReopenForm,
)
from federation.permissions import (
    can_close_period,
    can_reopen_period,
    can_see_people,
    federation_report,
)
from federation.reports.reconciliation import suppress_for_viewer
from federation.selectors import reconciliation as selectors
from federation.services.report_access import report_access_record
from training.models import ReportingPeriod
from training.services.periods import (
    PeriodError,
    period_close,
    period_create,
    period_reopen,
)

REPORT = "reconciliation"


def _log(request: HttpRequest, **filters) -> None:
    report_access_record(user=request.user, report=REPORT, filters=filters)


def _default_period(periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    """The latest period that has started, else the earliest one."""
    today = timezone.localdate()
    started = [p for p in periods if p.starts_on <= today]
    return started[0] if started else (periods[-1] if periods else None)


def _choose_period(request: HttpRequest, periods: list[ReportingPeriod]):
    """The period in the URL (or the default) and the form that chose it.
    The period is None when there is none or the URL names a bad one."""
    if "period" in request.GET:
        form = PeriodChoiceForm(request.GET, periods=periods)
        if not form.is_valid():
            return form, None
        chosen = form.cleaned_data["period"]
        return form, next(p for p in periods if p.pk == chosen)
    period = _default_period(periods)
    form = PeriodChoiceForm(
        initial={"period": period.pk if period else None}, periods=periods
    )
    return form, period


def _period_url(period: ReportingPeriod) -> str:
    return f"{reverse('federation:reconciliation_index')}?period={period.pk}"


@federation_report
@require_http_methods(["GET", "POST"])
def reconciliation_index(request: HttpRequest) -> HttpResponse:
    create_form = PeriodCreateForm(request.POST or None, prefix="new")
    if request.method == "POST" and create_form.is_valid():
        try:
            period = period_create(actor=request.user, **create_form.cleaned_data)
        except PeriodError as error:
            create_form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Reporting period %(name)s created.") % {"name": period.display_name},
            )
            return redirect(_period_url(period))
    periods = list(selectors.periods())
    choice_form, period = _choose_period(request, periods)
    bases = selectors.bases_with_flags(period) if period else []
    amendments = selectors.amendments(period) if period else []
    _log(request, period=period.pk if period else request.GET.get("period"))
    return render(
        request,
        "federation/reconciliation_index.html",
        {
            "periods": periods,
            "period": period,
            "choice_form": choice_form,
            "create_form": create_form,
            "bases": bases,
            "amendments": amendments,
            "checks": selectors.CHECKS,
            "can_close": can_close_period(request.user),
            "can_reopen": can_reopen_period(request.user),
        },
    )


@federation_report
def reconciliation_base(request: HttpRequest, base_id: int) -> HttpResponse:
    base = get_object_or_404(TrainingBase, pk=base_id)
    periods = list(selectors.periods())
    choice_form, period = _choose_period(request, periods)
    context = {
        "base": base,
        "periods": periods,
        "period": period,
        "choice_form": choice_form,
        "checks": selectors.CHECKS,
    }
    if period is not None:
        sessions = selectors.base_sessions(base, period)
        show_people = can_see_people(request.user)
        compared = selectors.comparison(base, period, sessions)
        suppress_for_viewer(sessions, compared, show_people=show_people)
        context |= {
            "sessions": sessions,
            "comparison": compared,
            "flags": selectors.base_flags(base, period, sessions),
            "amendments": selectors.amendments(period, base=base),
            "show_people": show_people,
        }
    _log(
        request,
        base=base.pk,
        period=period.pk if period else request.GET.get("period"),
    )
    return render(request, "federation/reconciliation_base.html", context)


@federation_report
@require_http_methods(["GET", "POST"])
def period_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then close. The service refuses while sessions run."""
    if not can_close_period(request.user):
        raise PermissionDenied
    period = get_object_or_404(ReportingPeriod, pk=pk)
    error = None
    if request.method == "POST" and not period.is_closed:
        try:
            period_close(period=period, actor=request.user)
        except PeriodError as refused:
            error = str(refused)
        else:
            messages.success(
                request,
                _("Reporting period %(name)s is closed. Its records are locked.")
                % {"name": period.display_name},
            )
            return redirect(_period_url(period))
    elif request.method == "POST":
        return redirect(_period_url(period))
    return render(
        request,
        "federation/periods_close.html",
        {
            "period": period,
            "error": error,
            "summary": selectors.lock_summary(period, today=timezone.localdate()),
        },
    )


@federation_report
@require_http_methods(["GET", "POST"])
def period_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_reopen_period(request.user):
        raise PermissionDenied
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("closed_by"), pk=pk
    )
    if not period.is_closed:
        messages.info(
            request,
            _("Reporting period %(name)s is open.") % {"name": period.display_name},
        )
        return redirect(_period_url(period))
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period_reopen(
                period=period, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except PeriodError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _(
                    "Reporting period %(name)s is reopened. Its records can be "
                    "changed until it is closed again."
                )
                % {"name": period.display_name},
            )
            return redirect(_period_url(period))
    return render(
        request, "federation/periods_reopen.html", {"period": period, "form": form}
    )
