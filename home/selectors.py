from wagtail.models import Page

from home.models import AccessibilityStatementPage


def accessibility_statement_for_language(language_code: str) -> Page | None:
    return (
        AccessibilityStatementPage.objects.live()
        .filter(locale__language_code=language_code)
        .first()
    )
