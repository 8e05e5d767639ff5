"""The trainee's job-ready profile: what they share with the job platform,
a preview of exactly that, and withdrawing in one step."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from careers.forms.profile import JobProfileForm
from careers.permissions import can_have_job_profile
from careers.selectors.profiles import (
    current_needs,
    earned_certificates,
    earned_skills,
    job_profile_for,
    payload_display,
    profile_payload,
    recent_shares,
)
from careers.services.profiles import job_profile_share, job_profile_withdraw
from core.notices import notice

PREVIEW = "preview"
CONFIRM = "share"
CHANGE = "change"


def trainee_only(view):
    """Staff accounts get a page that says why, with status 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_have_job_profile(request.user):
            return render(request, "careers/profile_staff.html", status=403)
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def _preview_profile(profile, choices: dict):
    """An unsaved copy of the profile with these choices, to render what
    sharing them would send."""
    preview = job_profile_for(profile.user) if profile.pk else profile
    for field, value in choices.items():
        setattr(preview, field, value)
    preview.opted_in = True
    return preview


def _as_hidden(choices: dict) -> list[tuple[str, str]]:
    """The choices as the form posts them, carried through the preview."""
    fields = []
    for name, value in choices.items():
        if isinstance(value, list):
            fields += [(name, item) for item in value]
        elif isinstance(value, bool):
            if value:
                fields.append((name, "on"))
        elif value:
            fields.append((name, value))
    return fields


@never_cache
@trainee_only
@require_http_methods(["GET", "POST"])
def job_profile(request: HttpRequest) -> HttpResponse:
    profile = job_profile_for(request.user)
    needs = current_needs(profile)
    action = request.POST.get("action", CHANGE)
    if request.method == "POST":
        form = JobProfileForm(request.POST, needs=needs)
    else:
        form = JobProfileForm(initial=JobProfileForm.initial_from(profile), needs=needs)
    if request.method == "POST" and action != CHANGE and form.is_valid():
        choices = form.choices()
        if action == CONFIRM:
            try:
                job_profile_share(user=request.user, **choices)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                notice(
                    request,
                    _("Your profile is shared with the job platform."),
                    link_url=reverse("job_profile") + "#shared-heading",
                    link_text=_("See what employers can see"),
                )
                return redirect("job_profile")
        else:
            preview = _preview_profile(profile, choices)
            return render(
                request,
                "careers/profile_preview.html",
                {
                    "hidden": _as_hidden(choices),
                    "shared": payload_display(profile_payload(preview)),
                },
            )
    shares, share_count = recent_shares(request.user)
    return render(
        request,
        "careers/profile.html",
        {
            "profile": profile,
            "form": form,
            "earned": payload_display(
                {
                    "skills": earned_skills(profile),
                    "certificates": earned_certificates(profile),
                }
            ),
            "has_needs": bool(needs),
            "shared": (
                payload_display(profile_payload(profile)) if profile.opted_in else None
            ),
            "shares": shares,
            "share_count": share_count,
        },
    )


@never_cache
@trainee_only
@require_http_methods(["GET", "POST"])
def job_profile_withdraw_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if job_profile_withdraw(user=request.user):
            notice(
                request,
                _(
                    "You have stopped sharing. The job platform has been told to "
                    "delete your profile."
                ),
            )
        return redirect("job_profile")
    return render(request, "careers/profile_withdraw.html")
