"""The help guides in Chinese and English for `manage.py seed_demo`, from
`demo/content/help/`: `index.yaml` for the help index of each language, one
file per guide. Idempotent: a guide that exists (by slug) is left alone, so
editors' changes survive a second run."""

from pathlib import Path

import yaml
from django.db import transaction
from wagtail.models import Locale
from wagtail.rich_text import RichText

from demo.site import publish
from home.models import HelpIndexPage, HelpPage, HomePage

HELP = Path(__file__).resolve().parent / "content" / "help"
LANGUAGES = {"zh-hans": "zh", "en": "en"}
BLOCK_TITLES = {
    "zh-hans": {"easy_read": "易读版要点", "key_terms": "关键词"},
    "en": {"easy_read": "Easy-read summary", "key_terms": "Key terms"},
}


def guides() -> list[dict]:
    """Every guide, in help-index order (each file's `order`)."""
    found = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(HELP.glob("*.yaml"))
        if path.stem != "index"
    ]
    return sorted(found, key=lambda guide: guide["order"])


def _block(item: dict, language: str) -> tuple[str, object]:
    ((kind, value),) = item.items()
    titles = BLOCK_TITLES[language]
    if kind == "heading":
        return "heading", {"text": value, "level": "h2"}
    if kind == "text":
        return "text", RichText(value)
    if kind == "steps":
        return "steps", {
            "title": "",
            "steps": [{"text": step, "image": None} for step in value],
        }
    if kind == "key_terms":
        return "key_terms", {"title": titles["key_terms"], "terms": value}
    if kind == "easy_read":
        return "easy_read", {
            "title": titles["easy_read"],
            "sentences": [{"text": text, "picture": None} for text in value],
        }
    raise ValueError(kind)


def _guide_fields(guide: dict, language: str) -> dict:
    content = guide[LANGUAGES[language]]
    return {
        "title": content["title"],
        "intro": content["intro"],
        "audience": guide["audience"],
        "body": [_block(item, language) for item in content["body"]],
    }


# Not "help": /<lang>/help/ is the fixed address of the header's Help link.
INDEX_SLUG = "guides"


def _index(home: HomePage, words: dict, source: HelpIndexPage | None):
    index = HelpIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    fields = {"title": words["title"], "intro": words["intro"]}
    if source is not None:
        index = source.copy_for_translation(home.locale)
        for name, value in fields.items():
            setattr(index, name, value)
        index.save()
    else:
        index = home.add_child(
            instance=HelpIndexPage(slug=INDEX_SLUG, locale=home.locale, **fields)
        )
    publish(index)
    return HelpIndexPage.objects.get(pk=index.pk)


@transaction.atomic
def seed_help() -> None:
    """A help index under each home page and every guide in both languages,
    the Chinese page first and the English one as its translation."""
    words = yaml.safe_load((HELP / "index.yaml").read_text(encoding="utf-8"))
    zh_home = HomePage.objects.get(locale__language_code="zh-hans")
    en_home = HomePage.objects.get(locale__language_code="en")
    zh_index = _index(zh_home, words["zh"], None)
    _index(en_home, words["en"], zh_index)
    en = Locale.objects.get(language_code="en")
    for guide in guides():
        zh_guide = (
            HelpPage.objects.child_of(zh_index).filter(slug=guide["slug"]).first()
        )
        if zh_guide is None:
            zh_index = HelpIndexPage.objects.get(pk=zh_index.pk)
            zh_guide = zh_index.add_child(
                instance=HelpPage(
                    slug=guide["slug"],
                    locale=zh_index.locale,
                    **_guide_fields(guide, "zh-hans"),
                )
            )
            publish(zh_guide)
        if zh_guide.get_translation_or_none(en) is None:
            en_guide = HelpPage.objects.get(pk=zh_guide.pk).copy_for_translation(en)
            for name, value in _guide_fields(guide, "en").items():
                setattr(en_guide, name, value)
            en_guide.save()
            publish(en_guide)
