"""The registry of notification kinds. Apps above this one register the
kinds they send from their `AppConfig.ready()`, with the templates that word
them (in the registering app: `templates/<template_prefix>.txt` for the short
text shown on the Messages page and sent by text message, and
`<template_prefix>_subject.txt` for the email subject) and a function that
builds the link from the notification's data (called under the recipient's
language, so `reverse()` gives their language's URL)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise | str
    template_prefix: str
    url: Callable[[dict], str]
    # False for a notice to someone who can no longer sign in: the email
    # then has no links to their messages or settings.
    account_links: bool = True


_kinds: dict[str, Kind] = {}


def register(
    key: str,
    *,
    label: Promise | str,
    template_prefix: str,
    url: Callable[[dict], str],
    account_links: bool = True,
) -> Kind:
    """Register (or re-register, idempotently) a kind under its key."""
    kind = Kind(
        key=key,
        label=label,
        template_prefix=template_prefix,
        url=url,
        account_links=account_links,
    )
    _kinds[key] = kind
    return kind


def get(key: str) -> Kind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"Unknown notification kind {key!r}") from None


def registered() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.key)
