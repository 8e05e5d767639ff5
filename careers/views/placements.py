"""Placements for base staff: the jobs the platform reported for their
trainees, to confirm as outcomes or mark as not confirmed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from careers.forms.placements import CONFIRM, PlacementDecisionForm
from careers.permissions import can_see_placements
from careers.selectors.placements import (
    PlacementRow,
    placement_for_staff,
    placements_for_staff,
)
from careers.services.placements import (
    PlacementError,
    placement_confirm,
    placement_reject,
)


def _page(
    request: HttpRequest, *, error: tuple[int, str] | None = None
) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "careers/placements.html",
        {
            "pending": placements_for_staff(request.user, today=today),
            "decided": placements_for_staff(request.user, today=today, pending=False),
            "error_pk": error[0] if error else None,
            "error": error[1] if error else "",
        },
    )


@never_cache
@login_required
def placement_list(request: HttpRequest) -> HttpResponse:
    if not can_see_placements(request.user):
        raise PermissionDenied
    return _page(request)


def _done_message(row: PlacementRow, confirmed: bool) -> str:
    values = {
        "name": row.placement.user,
        "job": row.placement.job_title,
        "employer": row.placement.employer,
    }
    if confirmed:
        return _(
            "%(name)s: %(job)s at %(employer)s is recorded as an outcome "
            "(employed) at the %(follow_up)s follow-up."
        ) % (values | {"follow_up": row.follow_up_label})
    return _("%(name)s: %(job)s at %(employer)s is marked as not confirmed.") % values


@never_cache
@login_required
@require_POST
def placement_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_see_placements(request.user):
        raise PermissionDenied
    row = placement_for_staff(request.user, pk, today=timezone.localdate())
    if row is None:
        raise Http404
    form = PlacementDecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, error=(pk, _("Choose whether to confirm the job.")))
    confirmed = form.cleaned_data["decision"] == CONFIRM
    try:
        if confirmed:
            placement_confirm(placement=row.placement, actor=request.user)
        else:
            placement_reject(placement=row.placement, actor=request.user)
    except PlacementError as error:
        return _page(request, error=(pk, str(error)))
    messages.success(request, _done_message(row, confirmed))
    return redirect("placements:list")
