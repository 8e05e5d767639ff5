"""Words for a notification, rendered when it is shown or sent, in the
recipient's language at that time."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.template import Context, Engine
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.language import in_language
from core.net import absolute_url
from notifications import kinds
from notifications.models import Notification

UNKNOWN_KIND = _("A message that can no longer be shown")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    url: str
    account_links: bool = True
    # For the Messages page: the same words as HTML, names in the other
    # language than the page's inside <span lang> (render(..., marked=True)).
    subject_html: str = ""
    text_html: str = ""

    @property
    def absolute_url(self) -> str:
        return absolute_url(self.url) if self.url else ""


# Plain text: nothing escaped here. The Messages page escapes when it shows
# the text; email and text messages are plain text.
_engine = Engine(
    app_dirs=True,
    autoescape=False,
    libraries={"i18n": "django.templatetags.i18n", "l10n": "django.templatetags.l10n"},
)


# HTML for the Messages page: the same templates, escaped, with each piece of
# text in the other language marked (WCAG 3.1.2 language of parts).
_html_engine = Engine(
    app_dirs=True,
    autoescape=True,
    libraries={"i18n": "django.templatetags.i18n", "l10n": "django.templatetags.l10n"},
)


def _render_text(name: str, context: dict) -> str:
    return _engine.get_template(name).render(Context(context))


def _render_html(name: str, context: dict, language: str) -> str:
    marked = {
        key: in_language(value, language) if isinstance(value, str) else value
        for key, value in context.items()
    }
    return _html_engine.get_template(name).render(Context(marked))


def recipient_language(user) -> str:
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language


def template_context(data: dict, language: str) -> dict:
    """The data, with each `<key>`/`<key>_en` pair resolved to the language's
    value, and ISO dates (`*_on`) and times (`*_at`) turned back into dates and
    aware datetimes for the `date` filter."""
    context = dict(data)
    for key, value in data.items():
        if key.endswith("_en"):
            continue
        english = data.get(f"{key}_en")
        if language == "en" and english:
            context[key] = english
        if isinstance(value, str) and key.endswith("_on"):
            context[key] = parse_date(value) or value
        elif isinstance(value, str) and key.endswith("_at"):
            parsed = parse_datetime(value)
            if isinstance(parsed, datetime.datetime):
                context[key] = parsed
    return context


def render(
    notification: Notification, *, language: str | None = None, marked: bool = False
) -> Rendered:
    """Subject, short text and link of a notification, in `language` (by
    default the recipient's); with `marked`, also as HTML for a page."""
    language = language or recipient_language(notification.recipient)
    try:
        kind = kinds.get(notification.kind)
    except LookupError:  # a kind no longer sent: shown, not an error page
        with translation.override(language):
            return Rendered(subject=str(UNKNOWN_KIND), text="", url="")
    with translation.override(language):
        context = template_context(notification.data, language)
        subject = _render_text(f"{kind.template_prefix}_subject.txt", context)
        text = _render_text(f"{kind.template_prefix}.txt", context)
        url = kind.url(notification.data)
        subject_html = text_html = ""
        if marked:
            prefix = kind.template_prefix
            subject_html = _render_html(f"{prefix}_subject.txt", context, language)
            text_html = _render_html(f"{prefix}.txt", context, language)
    return Rendered(
        subject=" ".join(subject.split()),
        text=text.strip(),
        url=url,
        account_links=kind.account_links,
        # Rendered with autoescape: safe to show as it is.
        subject_html=mark_safe(" ".join(subject_html.split())),  # noqa: S308
        text_html=mark_safe(text_html.strip()),  # noqa: S308
    )


def email_body(rendered: Rendered) -> str:
    """The email around a message's text: its link, and where to choose how
    we tell you (call under the recipient's language)."""
    context = {"text": rendered.text, "url": rendered.absolute_url}
    if rendered.account_links:
        context["messages_url"] = absolute_url(reverse("messages"))
        context["settings_url"] = absolute_url(reverse("message_settings"))
    return _render_text("notifications/email.txt", context)
