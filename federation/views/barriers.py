"""The public "Report a barrier" form, linked from every page's footer, and
its confirmation page (post, redirect, get)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from core.net import client_ip, rate_count, rate_current
from core.notices import notice
from federation.forms.barriers import BarrierReportForm
from federation.services.barriers import (
    BarrierReportError,
    barrier_report_create,
    is_local_path,
    reference,
)

SENT_SESSION_KEY = "barrier_report_sent"
ANONYMOUS_LIMIT = 10
ANONYMOUS_WINDOW_SECONDS = 60 * 60
TOO_MANY = _(
    "We have had %(limit)s reports from your connection in the last hour, so "
    "we cannot take another one now. Please try again in an hour, or sign in "
    "and send it."
)


def _rate_key(request: HttpRequest) -> str:
    return f"barrier-report:{client_ip(request)}"


def _rate_limited(request: HttpRequest) -> bool:
    if request.user.is_authenticated:
        return False
    return rate_current(_rate_key(request)) >= ANONYMOUS_LIMIT


def _count_report(request: HttpRequest) -> None:
    if request.user.is_authenticated:
        return
    rate_count(_rate_key(request), window_seconds=ANONYMOUS_WINDOW_SECONDS)


def _initial(request: HttpRequest) -> dict:
    came_from = request.GET.get("from", "")
    initial = {"page_url": came_from if is_local_path(came_from) else ""}
    if request.user.is_authenticated:
        initial |= {"email": request.user.email, "phone": request.user.phone}
    return initial


@require_http_methods(["GET", "POST"])
def barrier_report(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        if _rate_limited(request):
            form.is_valid()
            form.add_error(None, TOO_MANY % {"limit": ANONYMOUS_LIMIT})
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                report = barrier_report_create(
                    page_url=data["page_url"],
                    what_happened=data["what_happened"],
                    reply_by=data["reply_by"],
                    email=data["email"],
                    phone=data["phone"],
                    reporter=request.user,
                )
            except BarrierReportError as error:
                form.add_error(None, str(error))
            else:
                _count_report(request)
                notice(
                    request,
                    _("Your report is sent. Thank you."),
                    **(
                        {
                            "link_url": report.page_url,
                            "link_text": _("Go back to the page you came from"),
                        }
                        if is_local_path(report.page_url)
                        else {}
                    ),
                )
                request.session[SENT_SESSION_KEY] = {
                    "reference": reference(report),
                    "page_url": report.page_url,
                }
                return redirect("barrier_report_sent")
    else:
        form = BarrierReportForm(initial=_initial(request))
    return render(
        request, "federation/barrier_report.html", {"form": form}, status=status
    )


@require_GET
def barrier_report_sent(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(SENT_SESSION_KEY)
    if not sent:
        return redirect("barrier_report")
    page_url = sent.get("page_url", "")
    return render(
        request,
        "federation/barrier_report_sent.html",
        {
            "reference": sent.get("reference"),
            "page_url": page_url if is_local_path(page_url) else "",
        },
    )
