"""Demo pages translated the way an instructor translates them: through
wagtail-localize. For `manage.py seed_demo`.

The English words come from demo/content/ rather than from a person typing
them into the translation editor, but everything else is what the editor
leaves behind: a TranslationSource of the Chinese page, one StringTranslation
per segment of it (so the translation shows 100% done and every segment can
be edited there), segment overrides where the English version uses another
file (English captions, checklists), a Translation to English, and the
English page made and published from them. When the Chinese page changes
later, wagtail-localize shows the translation as needing an update, as for
any other.
"""

import json
from collections import defaultdict
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    SegmentOverride,
    String,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue, validate_translation_links

NO_ENGLISH = "%(page)s: no English for the segment %(path)s."


def _same_block_ids(source, target) -> None:
    """Gives the blocks of `target` (raw StreamField data) the ids of the
    blocks in the same place in `source`: the segments' paths are made of
    block ids, so the English then lines up with the Chinese."""
    if isinstance(source, list) and isinstance(target, list):
        for old, new in zip(source, target, strict=False):
            _same_block_ids(old, new)
    elif isinstance(source, dict) and isinstance(target, dict):
        if "type" in source and "id" in source and "id" in target:
            target["id"] = source["id"]
        for key, value in target.items():
            if key != "id" and key in source:
                _same_block_ids(source[key], value)


def _aligned(field: StreamField, source_value, english) -> str:
    """`english` (a StreamField value) as raw JSON with the source's block ids."""
    block = field.stream_block
    source_raw = block.get_prep_value(source_value)
    english_raw = block.get_prep_value(field.to_python(english))
    _same_block_ids(source_raw, english_raw)
    return json.dumps(english_raw, cls=DjangoJSONEncoder)


def _aligned_children(source_children, english_children: list) -> list:
    """English inline objects (adaptations, lesson versions) paired with the
    source's by their category or kind: the same translation key, and their
    content with the source's block ids, so their segments line up too."""
    by_key = {_inline_key(child): child for child in source_children}
    for child in english_children:
        source = by_key[_inline_key(child)]
        child.translation_key = source.translation_key
        child.locale_id = source.locale_id
        for field in child._meta.get_fields():
            if isinstance(field, StreamField):
                english = getattr(child, field.name)
                raw = _aligned(field, getattr(source, field.name), english)
                setattr(child, field.name, raw)
    return english_children


def _inline_key(child) -> str:
    return getattr(child, "kind", None) or getattr(child, "category", "")


def _english_shadow(page: Page, english: dict) -> Page:
    """The source page in memory with its translatable fields in English."""
    shadow = type(page).objects.get(pk=page.pk)
    for name, value in english.items():
        field = shadow._meta.get_field(name)
        if field.one_to_many:
            value = _aligned_children(getattr(page, name).all(), value)
        elif isinstance(field, StreamField):
            value = _aligned(field, getattr(page, name), value)
        setattr(shadow, name, value)
    return shadow


def _remember(source: TranslationSource, shadow: Page, locale: Locale, user) -> None:
    """Translation memory: each source segment's English, in its context."""
    strings: dict[str, list[str]] = defaultdict(list)
    overrides = {}
    for segment in extract_segments(shadow):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string.data)
        elif isinstance(segment, OverridableSegmentValue):
            overrides[segment.path] = segment.data
    english_for: dict[tuple[String, TranslationContext], str] = {}
    for segment in (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    ):
        waiting = strings.get(segment.context.path)
        if not waiting:
            raise ValueError(
                NO_ENGLISH % {"page": source.object_repr, "path": segment.context.path}
            )
        english_for[segment.string, segment.context] = waiting.pop(0)
    _save_string_translations(english_for, locale, user)
    for segment in OverridableSegment.objects.filter(source=source).select_related(
        "context"
    ):
        path = segment.context.path
        if path in overrides and overrides[path] != segment.data:
            SegmentOverride.objects.update_or_create(
                locale=locale,
                context=segment.context,
                defaults={
                    "data_json": json.dumps(overrides[path], cls=DjangoJSONEncoder),
                    "last_translated_by": user,
                    "has_error": False,
                    "field_error": "",
                },
            )


def _save_string_translations(
    english_for: dict[tuple[String, TranslationContext], str], locale: Locale, user
) -> None:
    """One StringTranslation per (string, context), as the translation
    editor saves them, written in bulk: a page has hundreds of segments, and
    one `update_or_create` each was a sixth of the whole demo seed. Each is
    checked the way StringTranslation.save checks it (valid translated HTML,
    the source's links kept), so one that is not is kept with `has_error`."""
    existing = {
        (translation.translation_of_id, translation.context_id): translation
        for translation in StringTranslation.objects.filter(
            locale=locale,
            translation_of__in={string for string, _ in english_for},
            context__in={context for _, context in english_for},
        )
    }
    now = timezone.now()
    new, changed = [], []
    for (string, context), data in english_for.items():
        translation = existing.get((string.pk, context.pk))
        if translation is None:
            translation = StringTranslation(
                translation_of=string, locale=locale, context=context, created_at=now
            )
            new.append(translation)
        else:
            changed.append(translation)
        translation.data = data
        translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        translation.last_translated_by = user
        translation.updated_at = now
        translation.field_error = ""
        translation.has_error = not _valid_translation(string.data, data)
    StringTranslation.objects.bulk_create(new)
    StringTranslation.objects.bulk_update(changed, TRANSLATION_FIELDS)


TRANSLATION_FIELDS = [
    "data",
    "translation_type",
    "last_translated_by",
    "updated_at",
    "field_error",
    "has_error",
]


def _valid_translation(source: str, data: str) -> bool:
    try:
        StringValue.from_translated_html(data)
        validate_translation_links(source, data)
    except ValueError:
        return False
    return True


def _source(page: Page) -> TranslationSource:
    """The page's TranslationSource, as wagtail-localize's
    `TranslationSource.update_or_create_from_instance` makes it. A new one
    gets its segments written in bulk: the library gets or creates a string,
    a context and a segment one by one (up to a dozen queries a segment, for
    some 9,000 segments in the demo). The rows are the same: the seed test
    checks that wagtail-localize's own refresh finds nothing to change."""
    translatable, _ = TranslatableObject.objects.get_or_create_from_instance(page)
    if TranslationSource.objects.filter(
        object=translatable, locale_id=page.locale_id
    ).exists():
        return TranslationSource.update_or_create_from_instance(page)[0]
    with transaction.atomic():
        source = TranslationSource.objects.create(
            object=translatable,
            locale_id=page.locale_id,
            specific_content_type=ContentType.objects.get_for_model(type(page)),
            object_repr=str(page)[:200],
            content_json=page.to_json(),
            schema_version=get_schema_version(page._meta.app_label),
            last_updated_at=timezone.now(),
        )
        _write_segments(source)
    return source


def _write_segments(source: TranslationSource) -> None:
    """What `TranslationSource.refresh_segments` writes for a new source, in
    bulk: one context per path (with its field path), the source strings,
    and the string and overridable segments; the few template and
    related-object segments through the library's own `from_value`."""
    instance = source.as_instance()
    values = list(extract_segments(instance))
    contexts = _contexts(source, instance, [value.path for value in values])
    strings = _strings(
        source.locale_id,
        [
            value.string.data
            for value in values
            if isinstance(value, StringSegmentValue)
        ],
    )
    string_segments, overridable_segments = [], []
    for value in values:
        if isinstance(value, TemplateSegmentValue):
            TemplateSegment.from_value(source, value)
        elif isinstance(value, RelatedObjectSegmentValue):
            RelatedObjectSegment.from_value(source, value)
        elif isinstance(value, OverridableSegmentValue):
            overridable_segments.append(
                OverridableSegment(
                    source=source,
                    context=contexts[value.path],
                    order=value.order,
                    data_json=json.dumps(value.data, cls=DjangoJSONEncoder),
                )
            )
        else:
            string_segments.append(
                StringSegment(
                    source=source,
                    context=contexts[value.path],
                    order=value.order,
                    string=strings[String._get_data_hash(value.string.data)],
                    attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder),
                )
            )
    StringSegment.objects.bulk_create(string_segments)
    OverridableSegment.objects.bulk_create(overridable_segments)


def _contexts(source, instance, paths: list[str]) -> dict[str, TranslationContext]:
    """The source's translation contexts by path, made where missing, each
    with the field path `TranslationContext.get_field_path` works out."""
    ids = {TranslationContext._get_path_id(path): path for path in paths}
    found = {
        context.path: context
        for context in TranslationContext.objects.filter(
            object_id=source.object_id, path_id__in=ids
        )
    }
    new = [
        TranslationContext(
            object_id=source.object_id, path=path, path_id=path_id, field_path=""
        )
        for path_id, path in ids.items()
        if path not in found
    ]
    for context in new:
        # get_field_path saves what it works out; these are written in bulk.
        context.save = lambda **kwargs: None
        context.get_field_path(instance)
        del context.save
    TranslationContext.objects.bulk_create(new)
    for context in found.values():
        if not context.field_path:
            context.get_field_path(instance)
    return {**found, **{context.path: context for context in new}}


def _strings(locale_id: int, texts: list[str]) -> dict:
    """Source strings by hash (`String.from_value`'s get-or-create, in bulk)."""
    texts_by_hash = {String._get_data_hash(text): text for text in texts}
    strings = {
        string.data_hash: string
        for string in String.objects.filter(
            locale_id=locale_id, data_hash__in=texts_by_hash
        )
    }
    new = String.objects.bulk_create(
        String(locale_id=locale_id, data_hash=data_hash, data=text)
        for data_hash, text in texts_by_hash.items()
        if data_hash not in strings
    )
    return {**strings, **{string.data_hash: string for string in new}}


def translate_page(
    page: Page,
    english: dict,
    *,
    locale: Locale,
    user=None,
    finish: Callable[[Page], None] | None = None,
) -> Page:
    """The English translation of `page` (Chinese, live, its parent translated
    already), made through wagtail-localize from the translatable `english`
    fields, and published. `finish` sets what wagtail-localize copies from
    the source rather than translating (inline panels, choices) before the
    first publish. Returns the English page; one that exists is returned as
    it is."""
    page = Page.objects.get(pk=page.pk).specific
    existing = page.get_translation_or_none(locale)
    if existing is not None and not existing.alias_of_id:
        return existing.specific
    source = _source(page)
    _remember(source, _english_shadow(page, english), locale, user)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    # A draft first (publishing through wagtail-localize waits for the
    # transaction's commit), then published here like an editor's Publish.
    target, _ = source.create_or_update_translation(locale, user=user, publish=False)
    target = Page.objects.get(pk=target.pk).specific
    if finish is not None:
        finish(target)
    # As the translator's Publish would.
    target.save_revision(user=user).publish(user=user)
    return target
