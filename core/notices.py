"""After an action, the page the person lands on says what happened and the
next step, and receives focus without JavaScript (GOV.UK's notification
banner pattern).

A view adds its message as usual (``messages.success``), or with a next-step
link through :func:`notice`. :class:`NoticeFocusMiddleware` then appends
``#notice`` to the redirect that answers the POST, and the browser moves focus
to the banner (``templates/includes/notice.html``: ``id="notice"``,
``tabindex="-1"``), the first thing in ``<main>``. The next-step link is one
Tab stop away."""

from django.contrib import messages
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from core.language import text_language_attr

NOTICE_ID = "notice"
ADMIN_PATH_PREFIX = "/admin/"


def notice_text(
    message: str, *, link_url: str = "", link_text: str = "", link_title: str = ""
) -> SafeString:
    """The message, and the next step as a link. `link_title` is a record's
    text shown after `link_text` (a lesson's title), marked with its language
    when it is not the page's."""
    if not link_url:
        return format_html("{}", message)
    title = ""
    if link_title:
        code = text_language_attr(str(link_title))
        title = (
            format_html(' <span lang="{}">{}</span>', code, link_title)
            if code
            else format_html(" {}", link_title)
        )
    return format_html(
        '{} <a class="notice__link" href="{}">{}{}</a>',
        message,
        link_url,
        link_text,
        title,
    )


def notice(
    request: HttpRequest,
    message: str,
    *,
    link_url: str = "",
    link_text: str = "",
    link_title: str = "",
    level: int = messages.SUCCESS,
) -> None:
    """Adds the message for the next page (Django's message storage keeps
    the markup safe)."""
    messages.add_message(
        request,
        level,
        notice_text(
            message, link_url=link_url, link_text=link_text, link_title=link_title
        ),
    )


def with_notice_fragment(location: str) -> str:
    if "#" in location:
        return location
    return f"{location}#{NOTICE_ID}"


class NoticeFocusMiddleware:
    """Sends a POST's redirect to the notice on the next page, when the view
    added a message. Sits after MessageMiddleware in MIDDLEWARE, so it sees
    the response before the messages are stored. Leaves alone: other
    methods, redirects that already name a fragment, other hosts and the
    Wagtail admin, from or to (it shows messages its own way)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code in (301, 302, 303, 307, 308)
            and not request.path_info.startswith(ADMIN_PATH_PREFIX)
            and getattr(getattr(request, "_messages", None), "added_new", False)
        ):
            location = response.get("Location", "")
            if (
                location.startswith("/")
                and not location.startswith("//")
                and not location.startswith(ADMIN_PATH_PREFIX)
            ):
                response["Location"] = with_notice_fragment(location)
        return response


def text_with(template: str, **values: str) -> SafeString:
    """A translated `template` with named `%(name)s` placeholders filled by
    record text (a session's name, a course title), each escaped and marked
    with its language when it is not the page's."""
    filled = {}
    for name, value in values.items():
        code = text_language_attr(str(value))
        filled[name] = (
            format_html('<span lang="{}">{}</span>', code, value)
            if code
            else conditional_escape(value)
        )
    return mark_safe(conditional_escape(template) % filled)  # noqa: S308
