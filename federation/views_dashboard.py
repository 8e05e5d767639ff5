"""The federation dashboard, its drill-downs (base, then session) and its
exports. Auditors and federation admins only; every view and export is
recorded in ReportAccess."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import TrainingBase
from core.exports import csv_response, xlsx_response
from federation.forms_dashboard import DashboardFilterForm
from federation.models import BarrierReport, ReportAccess
from federation.permissions import federation_report
from federation.selectors import dashboard as figures
from federation.selectors import tables
from federation.selectors.barriers import barrier_summary
from training.models import ReportingPeriod, TrainingSession

FORMATS = ("csv", "xlsx")


def _form(request: HttpRequest, **fixed) -> tuple[DashboardFilterForm, dict, dict]:
    bases = tables.base_choices()
    courses = tables.course_choices()
    form = DashboardFilterForm(request.GET, bases=bases, courses=courses)
    form.is_valid()
    return form, dict(bases), dict(courses)


def _log(request: HttpRequest, report: str, filters, fmt: str = "html", **extra):
    ReportAccess.objects.create(
        user=request.user,
        report=report,
        format=fmt,
        filters=filters.as_dict() | {k: str(v) for k, v in extra.items()},
    )


def _base_link(pk) -> str:
    return reverse("federation:base", args=[pk])


AGE_LABELS = {
    "under_7_days": gettext_lazy("Under 7 days"),
    "7_to_30_days": gettext_lazy("7 to 30 days"),
    "over_30_days": gettext_lazy("Over 30 days"),
}


def _barrier_summary() -> dict:
    """Counts of reports (not people, so nothing to suppress)."""
    summary = barrier_summary()
    return {
        "total": summary["total"],
        "open": summary["open"],
        "by_status": [
            (label, summary["by_status"][value])
            for value, label in BarrierReport.Status.choices
        ],
        "by_age": [
            (AGE_LABELS[key], count) for key, count in summary["open_by_age"].items()
        ],
    }


def _periods():
    return list(ReportingPeriod.objects.order_by("-starts_on")[:12])


@federation_report
def dashboard(request: HttpRequest) -> HttpResponse:
    form, base_labels, course_labels = _form(request)
    filters = form.filters()
    data = tables.build(
        filters,
        page_number=request.GET.get("page", 1),
        base_labels=base_labels,
        course_labels=course_labels,
        drill_link=_base_link,
    )
    _log(request, "dashboard", filters, page=data.sessions_page.number)
    return render(
        request,
        "federation/dashboard.html",
        {
            "form": form,
            "data": data,
            "query": _query(filters),
            "description": describe(filters, base_labels, course_labels),
            "periods": _periods(),
            "barriers": _barrier_summary(),
        },
    )


@federation_report
def base_detail(request: HttpRequest, pk: int) -> HttpResponse:
    base = get_object_or_404(TrainingBase, pk=pk)
    form, base_labels, course_labels = _form(request)
    filters = form.filters()
    filters = figures.Filters(**{**filters.__dict__, "base": base.pk})
    data = tables.build(
        filters,
        page_number=request.GET.get("page", 1),
        base_labels=base_labels,
        course_labels=course_labels,
    )
    _log(request, "dashboard:base", filters, page=data.sessions_page.number)
    return render(
        request,
        "federation/base_detail.html",
        {
            "base": base,
            "form": form,
            "data": data,
            "course_table": data.tables[1],
            "category_table": data.tables[-1],
            "query": _query(filters),
            "description": describe(filters, base_labels, course_labels),
        },
    )


@federation_report
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        TrainingSession.objects.select_related("base", "course"), pk=pk
    )
    filters = figures.Filters(session=session.pk)
    figures_raw = figures.totals(filters)
    data = tables.session_figures(session, filters, figures_raw)
    _log(request, "dashboard:session", filters)
    return render(
        request,
        "federation/session.html",
        {"session": session, "data": data, "base_query": ""},
    )


@federation_report
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    form, base_labels, course_labels = _form(request)
    filters = form.filters()
    data = tables.build(
        filters, page_number=None, base_labels=base_labels, course_labels=course_labels
    )
    chosen = tables.headline_table(data) if table == "headline" else None
    for candidate in [*data.tables, data.sessions]:
        if candidate.slug == table:
            chosen = candidate
    if chosen is None:
        raise Http404
    _log(request, f"dashboard:{table}", filters, fmt)
    now = timezone.localtime()
    metadata = [
        (_("Report"), _("Federation dashboard: %(table)s") % {"table": chosen.title}),
        (_("Filters"), describe(filters, base_labels, course_labels)),
        (_("Exported at"), date_format(now, "DATETIME_FORMAT")),
        (
            _("Figures calculated at"),
            date_format(timezone.localtime(data.computed_at), "DATETIME_FORMAT"),
        ),
        (_("Exported by"), request.user.name or request.user.email),
        (
            _("Data source"),
            _(
                "Training records of all bases in this system, as of the time of export."
            ),
        ),
        (
            _("Privacy"),
            _(
                "Counts of 1 to 4 people, and any figure that would reveal one, are shown as “fewer than 5”."
            ),
        ),
    ]
    filename = f"federation-{table}-{now:%Y%m%d-%H%M}.{fmt}"
    if fmt == "csv":
        return csv_response(
            filename, chosen.headings, chosen.export_rows(), metadata=metadata
        )
    return xlsx_response(
        filename,
        str(chosen.title),
        chosen.headings,
        chosen.export_rows(),
        metadata=metadata,
        metadata_title=_("About this export"),
    )


def _query(filters: figures.Filters) -> str:
    from urllib.parse import urlencode

    return urlencode(filters.as_dict())


def describe(filters: figures.Filters, base_labels: dict, course_labels: dict) -> str:
    """The filters in words, for the page and the exports."""
    from courses.models import DeliveryMode, SkillArea

    parts = []
    if filters.date_from or filters.date_to:
        parts.append(
            _("sessions starting from %(start)s to %(end)s")
            % {
                "start": date_format(filters.date_from, "DATE_FORMAT")
                if filters.date_from
                else _("the beginning"),
                "end": date_format(filters.date_to, "DATE_FORMAT")
                if filters.date_to
                else _("today"),
            }
        )
    if filters.base:
        parts.append(str(base_labels.get(filters.base, filters.base)))
    if filters.course:
        parts.append(str(course_labels.get(filters.course, filters.course)))
    if filters.skill_area:
        parts.append(str(dict(SkillArea.choices).get(filters.skill_area, "")))
    if filters.delivery_mode:
        parts.append(str(dict(DeliveryMode.choices).get(filters.delivery_mode, "")))
    if filters.category:
        parts.append(str(dict(figures.CATEGORY_CHOICES).get(filters.category, "")))
    if filters.session:
        parts.append(_("session %(id)s") % {"id": filters.session})
    if not parts:
        return _("All sessions at all bases, all time")
    return "; ".join(parts)
