from wagtail.models import Page

from home.models import AccessibilityStatementPage


def accessibility_statement_for_language(language_code: str) -> Page | None:
    return (
        AccessibilityStatementPage.objects.live()
        .filter(locale__language_code=language_code)
        .first()
    )


def live_translations(page: Page) -> dict[str, Page]:
    """The page's live translations, itself included, by language code."""
    return {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
