import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import (
    content_disposition_header,
    url_has_allowed_host_and_scheme,
)
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import selectors, services
from accounts.forms import (
    AccessNeedsForm,
    DeletionRequestForm,
    DisplayPreferencesForm,
    ProfileForm,
)
from accounts.preferences import COOKIE_MAX_AGE, COOKIE_NAME, Display
from core.notices import notice


def _form_page(
    request,
    form,
    *,
    title: str,
    intro: str = "",
    submit: str,
    template="accounts/form_page.html",
    **extra,
):
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "submit_label": submit,
        **extra,
    }
    return render(request, template, context)


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "needs": selectors.access_needs_for(request.user),
            "viewers": selectors.needs_viewers(request.user),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {
        "name": user.name,
        "preferred_language": user.preferred_language,
        "home_base": user.home_base_id,
        "phone": user.phone,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your details are saved."))
        return redirect("profile")
    return _form_page(
        request, form, title=_("Change your details"), submit=_("Save details")
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def needs_edit(request: HttpRequest) -> HttpResponse:
    needs = selectors.access_needs_for(request.user)
    initial = (
        {
            "categories": needs.categories,
            "needs": needs.needs,
            "notes": needs.notes,
            "extra_time_factor": needs.extra_time_factor,
        }
        if needs
        else {}
    )
    form = AccessNeedsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.access_needs_record(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your access needs are saved."))
        return redirect("profile")
    return _form_page(
        request,
        form,
        title=_("Your access needs"),
        submit=_("Save access needs"),
        template="accounts/needs_form.html",
        needs=needs,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def needs_withdraw(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if services.access_needs_consent_withdraw(user=request.user):
            messages.success(
                request, _("Consent withdrawn. We have deleted your access needs.")
            )
        return redirect("profile")
    return render(request, "accounts/needs_withdraw.html")


@never_cache
@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    data = selectors.personal_data_export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, "my-data.json")
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def deletion_request(request: HttpRequest) -> HttpResponse:
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.deletion_request_create(
            user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _(
                "We have your request. A federation administrator will delete your account within 30 days and tell you by email."
            ),
        )
        return redirect("profile")
    return _form_page(
        request,
        form,
        title=_("Ask us to delete your account"),
        intro=_(
            "We will delete your account and personal information. Training records the federation must keep by law are kept without your name."
        ),
        submit=_("Send request"),
    )


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("display_settings")


@require_http_methods(["GET", "POST"])
def display_settings(request: HttpRequest) -> HttpResponse:
    """Anyone can change how pages look; signed-in people keep it on their
    profile, everyone else in a cookie."""
    current = request.display
    form = DisplayPreferencesForm(request.POST or None, initial=current.as_dict())
    if request.method == "POST" and form.is_valid():
        display = Display(
            text_size=form.cleaned_data["text_size"],
            theme=form.cleaned_data["theme"],
            **form.flags(),
        )
        target = _safe_next(request)
        notice(
            request,
            _("Your display settings are saved."),
            link_url=f"{reverse('display_settings')}?{urlencode({'next': target})}",
            link_text=_("Change them again"),
        )
        response = redirect(target)
        if request.user.is_authenticated:
            services.display_preferences_save(user=request.user, display=display)
        else:
            response.set_cookie(
                COOKIE_NAME, display.to_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax"
            )
        return response
    return _form_page(
        request,
        form,
        title=_("Display settings"),
        intro=_(
            "Change how every page looks. Your choice is used on every page until you change it."
        ),
        submit=_("Save display settings"),
        next=request.GET.get("next", ""),
    )
