"""The publish-blocking accessibility checks (`courses.checks`, run by the
blocks' `clean()`) for translations made with wagtail-localize.

wagtail-localize saves a translated page with the model's `full_clean()`,
which never runs a StreamField's block validation, so left alone a translation
whose translated alt text, link text or transcript fails a check would be
published. `install()` wraps `TranslationSource.create_or_update_translation`,
the one method every path goes through (the translation editor's Publish,
"Sync translated pages" with "Publish immediately", "Translate this page" of a
live page, and direct calls): when asked to publish, the translated page is
built and saved in a savepoint, every StreamField on it (and on its inline
children) is cleaned as the page editor's Publish would, and if any block
fails, the savepoint is rolled back and a `ValidationError` naming each block
and why is raised. Callers already expect one: the editor shows an error, the
sync and submit views skip the page.

Drafts still save: saving without publishing is never checked, the strings a
translator typed are kept (they are saved one by one as they are typed), and
the failing segment is marked with the check's message in the translation
editor. A page that is only an alias (or no page yet) is made a draft
translation even when the publish is refused, so the translator has a page to
work in; its content is then exactly what the alias showed already.
"""

import contextlib
import functools
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail.blocks import (
    ListBlockValidationError,
    StreamBlockValidationError,
    StructBlockValidationError,
)
from wagtail.fields import StreamField
from wagtail.models import Page

# "Lesson content › 2. Image › Alt text: <the check's message>"
PROBLEM = _("%(where)s: %(message)s")
BLOCK_POSITION = _("%(position)s. %(block)s")
NOT_PUBLISHED = _(
    "The %(language)s translation of “%(title)s” was not published: fix the "
    "translation of the blocks below, then publish again."
)

_reporting_request = ContextVar("translation_checks_request", default=None)


@dataclass(frozen=True)
class Problem:
    """One failing check: `path` as wagtail-localize names the translated
    segment ("body.<block id>.alt_text"), `where` for people."""

    path: str
    where: str
    message: str

    def __str__(self) -> str:
        return str(PROBLEM % {"where": self.where, "message": self.message})


class TranslationNotPublishable(ValidationError):
    """Raised instead of publishing a translation that fails a check."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([str(problem) for problem in problems])


def _label(block) -> str:
    return str(capfirst(block.label or block.name or ""))


def _messages(error) -> list[str]:
    """The messages of a ValidationError, or of an ErrorList (a block's
    non-block errors)."""
    errors = error.as_data() if hasattr(error, "as_data") else [error]
    return [str(message) for item in errors for message in item.messages]


def _walk(error, block, value, path: list[str], where: list[str]):
    """Every message in a block's validation error, with its path and the
    labels of the blocks it sits in."""
    if isinstance(error, StreamBlockValidationError):
        for index, child_error in error.block_errors.items():
            try:
                child = value[index]
            except (IndexError, KeyError, TypeError):
                child = None
            child_block = child.block if child is not None else None
            yield from _walk(
                child_error,
                child_block,
                child.value if child is not None else None,
                [*path, str(getattr(child, "id", "") or index)],
                [
                    *where,
                    str(
                        BLOCK_POSITION
                        % {
                            "position": index + 1,
                            "block": _label(child_block) if child_block else "",
                        }
                    ),
                ],
            )
        for message in (
            _messages(error.non_block_errors) if error.non_block_errors else []
        ):
            yield ".".join(path), where, message
    elif isinstance(error, StructBlockValidationError):
        for name, child_error in error.block_errors.items():
            child_block = getattr(block, "child_blocks", {}).get(name)
            try:
                child_value = value[name]
            except (KeyError, TypeError, IndexError):
                child_value = None
            yield from _walk(
                child_error,
                child_block,
                child_value,
                [*path, name],
                [*where, _label(child_block) if child_block else name],
            )
        for message in (
            _messages(error.non_block_errors) if error.non_block_errors else []
        ):
            yield ".".join(path), where, message
    elif isinstance(error, ListBlockValidationError):
        bound = getattr(value, "bound_blocks", None) or []
        for index, child_error in error.block_errors.items():
            child = bound[index] if index < len(bound) else None
            yield from _walk(
                child_error,
                getattr(block, "child_block", None),
                child.value if child is not None else None,
                [*path, str(getattr(child, "id", "") or index)],
                [*where, str(index + 1)],
            )
        for message in (
            _messages(error.non_block_errors) if error.non_block_errors else []
        ):
            yield ".".join(path), where, message
    else:
        for message in _messages(error):
            yield ".".join(path), where, message


def _stream_problems(instance, prefix: list[str], where: list[str]) -> list[Problem]:
    problems = []
    for field in instance._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        value = getattr(instance, field.name)
        block = field.stream_block
        try:
            block.clean(value)
        except ValidationError as error:
            for path, labels, message in _walk(
                error,
                block,
                value,
                [*prefix, field.name],
                [*where, str(capfirst(field.verbose_name))],
            ):
                problems.append(Problem(path, " › ".join(labels), message))
    return problems


def publish_problems(page: Page) -> list[Problem]:
    """What the page editor's Publish would refuse on this page: every block
    of every StreamField, and of those on its inline children (a lesson's
    versions), cleaned for publishing. Empty when it may be published."""
    page = page.specific
    problems = _stream_problems(page, [], [])
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        for position, child in enumerate(getattr(page, name).all(), start=1):
            key = str(getattr(child, "translation_key", "") or child.pk)
            problems.extend(
                _stream_problems(
                    child,
                    [name, key],
                    [
                        f"{capfirst(relation.related_model._meta.verbose_name)} {position}"
                    ],
                )
            )
    return problems


@contextlib.contextmanager
def reporting_to(request) -> Iterator[None]:
    """While inside, a refused publish also tells `request`'s user, with
    Wagtail's admin messages, which blocks failed and why."""
    token = _reporting_request.set(request)
    try:
        yield
    finally:
        _reporting_request.reset(token)


def _report(page: Page, locale, problems: list[Problem]) -> None:
    request = _reporting_request.get()
    if request is None:
        return
    from wagtail.admin import messages

    messages.error(
        request,
        NOT_PUBLISHED
        % {
            "language": locale.get_display_name(),
            "title": page.get_admin_display_title(),
        },
    )
    for problem in problems:
        messages.error(request, str(problem))


def _mark_segments(source, locale, problems: list[Problem]) -> None:
    """Show each message on its segment in the translation editor, the way
    wagtail-localize shows a field's validation error."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        TranslationContext,
    )

    for problem in problems:
        contexts = TranslationContext.objects.filter(object_id=source.object_id)
        context = contexts.filter(path=problem.path).first() or (
            contexts.filter(path__startswith=problem.path + ".")
            .order_by("path")
            .first()
        )
        if context is None:
            continue
        segment = StringSegment.objects.filter(source=source, context=context).first()
        if segment is None:
            continue
        found = StringTranslation.objects.filter(
            translation_of_id=segment.string_id, context=context, locale=locale
        ).first()
        if found is not None:
            found.set_field_error([ValidationError(problem.message)])


def _target_is_real_page(source, locale) -> bool:
    return Page.objects.filter(
        translation_key=source.object_id, locale=locale, alias_of__isnull=True
    ).exists()


def checked(create_or_update_translation):
    """`TranslationSource.create_or_update_translation` that refuses to
    publish a translation failing a publish check (see the module's note)."""

    @functools.wraps(create_or_update_translation)
    def wrapper(self, locale, user=None, publish=True, **kwargs):
        if not publish or not issubclass(
            self.specific_content_type.model_class() or object, Page
        ):
            return create_or_update_translation(
                self, locale, user=user, publish=publish, **kwargs
            )
        had_page = _target_is_real_page(self, locale)
        try:
            with transaction.atomic():
                translation, created = create_or_update_translation(
                    self, locale, user=user, publish=True, **kwargs
                )
                problems = publish_problems(translation)
                if problems:
                    raise TranslationNotPublishable(problems)
        except TranslationNotPublishable as refused:
            if not had_page:
                translation, _created = create_or_update_translation(
                    self, locale, user=user, publish=False, **kwargs
                )
            else:
                translation = Page.objects.get(
                    translation_key=self.object_id, locale=locale
                )
            _mark_segments(self, locale, refused.problems)
            _report(translation, locale, refused.problems)
            raise
        return translation, created

    wrapper.checks_publishing = True
    return wrapper


def install() -> None:
    """Idempotent; called from `CoursesConfig.ready()`."""
    from wagtail_localize.models import TranslationSource

    method = TranslationSource.create_or_update_translation
    if not getattr(method, "checks_publishing", False):
        TranslationSource.create_or_update_translation = checked(method)
