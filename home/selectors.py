"""Reads for the home app's pages. Page models are looked up in the app
registry here, never imported: home.models calls these (an import loop)."""

from django.apps import apps
from wagtail.models import Page

from accounts.permissions import is_auditor, is_federation_admin, is_staff_member


def _model(name: str):
    return apps.get_model("home", name)


def accessibility_statement_for_language(language_code: str) -> Page | None:
    return (
        _model("AccessibilityStatementPage")
        .objects.live()
        .filter(locale__language_code=language_code)
        .first()
    )


def live_translations(page: Page) -> dict[str, Page]:
    """The page's live translations, itself included, by language code."""
    return {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }


def help_index_for_language(language_code: str) -> Page | None:
    return (
        _model("HelpIndexPage")
        .objects.live()
        .filter(locale__language_code=language_code)
        .first()
    )


def reader_audiences(user) -> list[str]:
    """The help audiences a reader belongs to, most specific first. Anyone not
    signed in is most likely a trainee-to-be."""
    HelpPage = _model("HelpPage")
    audience = HelpPage.Audience
    if is_federation_admin(user):
        return [audience.INSTRUCTOR, audience.AUDITOR]
    if is_auditor(user):
        return [audience.AUDITOR]
    if is_staff_member(user):
        return [audience.INSTRUCTOR]
    return [audience.TRAINEE]


def help_guides_for_reader(index: Page, user) -> dict:
    """The index's live guides in groups by audience: the reader's own role
    first, then guides for everyone, then the other roles. Two queries."""
    HelpPage = _model("HelpPage")
    guides = list(HelpPage.objects.live().child_of(index).order_by("path"))
    mine = reader_audiences(user)
    order = [
        *mine,
        HelpPage.Audience.EVERYONE,
        *(a for a in HelpPage.Audience.values if a not in mine),
    ]
    groups = []
    for audience in dict.fromkeys(order):
        members = [guide for guide in guides if guide.audience == audience]
        if members:
            groups.append(
                {
                    "audience": audience,
                    "label": HelpPage.Audience(audience).label,
                    "yours": audience in mine,
                    "guides": members,
                }
            )
    return {
        "guide_groups": groups,
        "statement": accessibility_statement_for_language(index.locale.language_code),
    }
