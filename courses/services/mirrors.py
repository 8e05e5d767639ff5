"""No course hidden by language: a course, lesson or quiz published in one
language and not yet translated into the other gets a Wagtail alias (a mirror
that follows the original's every publish) in the other language's tree, under
the same training base. The other language's catalogue then lists it, its
pages open with that visitor's menus and labels around the original content
(marked with its `lang`), and trainee records, keyed by translation key, are
shared. Translating it with wagtail-localize turns the alias into a real
translation in place."""

from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page

# Model names of the pages mirrored; the base sections and catalogue exist in
# both languages already (seeded, and created with each base).
MIRRORED_PAGE_TYPES = ("coursepage", "lessonpage", "quizpage")


def _counterpart_parent(parent: Page, locale: Locale) -> Page | None:
    """The parent's page in `locale`: its translation (or alias) or, for a base
    section made separately in each language, that base's section there."""
    found = Page.objects.filter(
        translation_key=parent.translation_key, locale=locale
    ).first()
    if found is not None:
        return found
    from courses.models import TrainingBasePage

    specific = parent.specific
    if isinstance(specific, TrainingBasePage):
        return (
            TrainingBasePage.objects.filter(base_id=specific.base_id, locale=locale)
            .order_by("path")
            .first()
        )
    return None


def mirror_untranslated(page: Page) -> list[Page]:
    """Aliases of `page` (and its descendants) in each language that has no
    version of it yet. Idempotent: a language that has a translation or an
    alias already is left alone. Returns the aliases made."""
    # Fresh from the database: the tree fields (numchild) of an instance held
    # since before its children were added are stale.
    page = Page.objects.get(pk=page.pk).specific
    if page.alias_of_id or page.content_type.model not in MIRRORED_PAGE_TYPES:
        return []
    made = []
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if Page.objects.filter(
            translation_key=page.translation_key, locale=locale
        ).exists():
            continue
        parent = _counterpart_parent(page.get_parent(), locale)
        if parent is None:
            continue
        slug = find_available_slug(parent, page.slug)
        alias = page.create_alias(
            parent=parent,
            update_locale=locale,
            update_slug=slug,
            recursive=True,
            reset_translation_key=False,
        )
        made.append(alias)
    return made


def mirror_after_commit(page: Page) -> None:
    """Mirror once the publish that called this has been committed."""
    pk = page.pk

    def mirror():
        found = Page.objects.filter(pk=pk).first()
        if found is not None and found.live:
            mirror_untranslated(found)

    transaction.on_commit(mirror)
