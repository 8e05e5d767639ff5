"""Calendars: a session's meetings as a download, a trainee's subscription
feed (no sign-in: calendar apps cannot sign in, the secret token in the URL
is the key), and the page where the trainee finds and resets that URL."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.net import absolute_url, site_host
from training.calendars import meetings_calendar
from training.models import TrainingSession
from training.selectors import calendars as selectors
from training.services.calendars import calendar_feed_create, calendar_feed_reset

CONTENT_TYPE = "text/calendar; charset=utf-8"
FEED_CREATED = gettext_lazy(
    "Your calendar link is ready. Copy it into your calendar app."
)
FEED_RESET = gettext_lazy(
    "You have a new calendar link. The old link no longer works: put the new "
    "one in your calendar app."
)


def _uid_domain() -> str:
    """The part after @ in every event's UID: a setting where the site has
    one, else the site's own host name (SITE_URL), so UIDs stay the same
    whichever host name served the file."""
    return getattr(settings, "CALENDAR_UID_DOMAIN", "") or site_host()


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def _course_visible(request: HttpRequest, session: TrainingSession) -> bool:
    """Whoever may see the session's course page may see its meetings."""
    course = session.course
    if not course.live:
        return False
    return all(
        restriction.accept_request(request)
        for restriction in course.get_view_restrictions()
    )


@require_safe
def session_calendar(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(
        TrainingSession.objects.select_related("course", "base"), pk=session_id
    )
    if not _course_visible(request, session):
        raise Http404
    meetings = selectors.session_meetings(session)
    body = meetings_calendar(meetings, name=session.display_name, domain=_uid_domain())
    return _calendar_response(body, f"session-{session.pk}.ics")


@never_cache
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The trainee's meetings across sessions, in their preferred language."""
    subscription = selectors.feed_by_token(token)
    if subscription is None or not subscription.user.is_active:
        raise Http404
    user = subscription.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        body = meetings_calendar(
            selectors.trainee_meetings(user),
            name=_("My training meetings"),
            domain=_uid_domain(),
        )
    response = _calendar_response(body, "my-training.ics")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def feed_url(token: str) -> str:
    """The address a calendar app subscribes to: on the site's public
    address (SITE_URL), whatever host the trainee reached this page on."""
    return absolute_url(reverse("calendar_feed", args=[token]))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def calendar_page(request: HttpRequest) -> HttpResponse:
    """Where the trainee gets their subscription URL and can reset it."""
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            calendar_feed_reset(user=request.user)
            messages.success(request, FEED_RESET)
        else:
            calendar_feed_create(user=request.user)
            messages.success(request, FEED_CREATED)
        return redirect("calendar_page")
    subscription = selectors.feed_of(request.user)
    url = feed_url(subscription.token) if subscription else ""
    return render(
        request,
        "training/learning/calendar.html",
        {
            "subscription": subscription,
            "feed_url": url,
            "webcal_url": url.replace("https://", "webcal://", 1).replace(
                "http://", "webcal://", 1
            ),
        },
    )
