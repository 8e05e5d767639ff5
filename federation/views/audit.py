"""The federation audit trail viewer: every base's change log, searchable by
base, session, action, date and (federation admins only) person."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from federation.forms.audit import AuditFilterForm
from federation.permissions import can_see_people, federation_report
from federation.selectors.audit import audit_entries
from federation.services.report_access import report_access_record
from training.audit_display import describe

PAGE_SIZE = 50


@federation_report
def audit_trail(request: HttpRequest) -> HttpResponse:
    show_people = can_see_people(request.user)
    params = request.GET.copy()
    params.pop("page", None)
    form = AuditFilterForm(params or None, show_people=show_people)
    page = None
    if not form.is_bound or form.is_valid():
        filters = form.filters() if form.is_bound else {}
        paginator = Paginator(audit_entries(**filters), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        for entry in page.object_list:
            describe(entry, show_people=show_people)
    report_access_record(user=request.user, report="audit", filters=params.dict())
    return render(
        request,
        "federation/audit.html",
        {
            "form": form,
            "page_obj": page,
            "show_people": show_people,
            "filtered": form.is_bound,
        },
    )
