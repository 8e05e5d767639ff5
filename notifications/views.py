from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from notifications import rendering, selectors, services
from notifications.forms import NotificationSettingsForm

PER_PAGE = 20


@never_cache
@login_required
def message_list(request: HttpRequest) -> HttpResponse:
    """The person's messages, newest first, worded in the page's language."""
    page_obj = Paginator(selectors.messages_for(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    language = get_language()
    items = [
        {
            "notification": n,
            "rendered": rendering.render(n, language=language, marked=True),
        }
        for n in page_obj.object_list
    ]
    return render(
        request,
        "notifications/message_list.html",
        {"page_obj": page_obj, "items": items},
    )


def _back(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("page", "")
    response = redirect("messages")
    if page.isdigit():
        response["Location"] += f"?page={page}"
    return response


@login_required
@require_POST
def message_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    if services.notification_mark_read(user=request.user, notification_id=pk):
        messages.success(request, _("The message is marked as read."))
    return _back(request)


@login_required
@require_POST
def messages_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All your messages are marked as read."))
    return _back(request)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def message_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    choice = selectors.settings_for(user)
    form = NotificationSettingsForm(
        request.POST or None,
        initial={"email": choice.email, "sms": choice.sms},
        phone=user.phone,
    )
    if request.method == "POST" and form.is_valid():
        services.notification_settings_save(
            user=user,
            email=form.cleaned_data["email"],
            sms=form.cleaned_data.get("sms", False),
        )
        messages.success(request, _("Your choice of how we tell you is saved."))
        return redirect("profile")
    return render(
        request,
        "notifications/message_settings.html",
        {
            "form": form,
            "title": _("How we tell you"),
            "submit_label": _("Save"),
            "has_phone": bool(user.phone),
        },
    )
