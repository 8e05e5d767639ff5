"""The federation dashboard, its drill-downs (base, then session) and its
exports. Auditors and federation admins only; every view and export is
recorded in ReportAccess."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import TrainingBase
from core.exports import csv_response, xlsx_response
from federation.permissions import federation_report
from federation.reports.barriers import barrier_summary_labelled
from federation.reports.dashboard import export_table
from federation.reports.dashboard_page import (
    DashboardPage,
    dashboard_page,
    export_metadata,
)
from federation.reports.session import session_figures
from federation.selectors import counting
from federation.selectors import dashboard as figures
from federation.selectors.filter_choices import kept_recent_periods
from federation.services.report_access import report_access_record

FORMATS = ("csv", "xlsx")


def _base_link(pk) -> str:
    return reverse("federation:base", args=[pk])


def _record_page_view(
    request: HttpRequest, report_name: str, page: DashboardPage
) -> None:
    """A page of the dashboard is recorded with its filters and page number."""
    report_access_record(
        user=request.user,
        report=report_name,
        filters=page.filters.as_dict() | {"page": page.data.sessions_page.number},
    )


@federation_report
def dashboard(request: HttpRequest) -> HttpResponse:
    page = dashboard_page(
        request.GET, page_number=request.GET.get("page", 1), drill_link=_base_link
    )
    _record_page_view(request, "dashboard", page)
    return render(
        request,
        "federation/dashboard.html",
        {
            "form": page.form,
            "data": page.data,
            "query": page.query,
            "description": page.description,
            "periods": kept_recent_periods(),
            "barriers": barrier_summary_labelled(),
        },
    )


@federation_report
def base_detail(request: HttpRequest, pk: int) -> HttpResponse:
    base = get_object_or_404(TrainingBase, pk=pk)
    page = dashboard_page(
        request.GET, base=base.pk, page_number=request.GET.get("page", 1)
    )
    _record_page_view(request, "dashboard:base", page)
    return render(
        request,
        "federation/base_detail.html",
        {
            "base": base,
            "form": page.form,
            "data": page.data,
            "course_table": page.data.tables[1],
            "category_table": page.data.tables[-1],
            "query": page.query,
            "description": page.description,
        },
    )


@federation_report
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        counting.with_closed_on(counting.sessions_with_place()), pk=pk
    )
    filters = counting.Filters(session=session.pk)
    data = session_figures(
        figures.session_counts(filters, today=counting.session_as_of(session))
    )
    report_access_record(
        user=request.user, report="dashboard:session", filters=filters.as_dict()
    )
    return render(
        request,
        "federation/session.html",
        {"session": session, "data": data, "base_query": ""},
    )


@federation_report
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    page = dashboard_page(request.GET, page_number=None)
    chosen = export_table(page.data, table)
    if chosen is None:
        raise Http404
    report_access_record(
        user=request.user,
        report=f"dashboard:{table}",
        format=fmt,
        filters=page.filters.as_dict(),
    )
    now = timezone.localtime()
    metadata = export_metadata(page, chosen, user=request.user, now=now)
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
