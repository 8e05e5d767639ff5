"""The personal-data registry: every model that holds data about a person has
one provider here, so that a person's data download holds every record and
anonymisation reaches every table. Higher apps register their providers from
their `AppConfig.ready()` (as Wagtail hooks do), so `accounts` never imports
them. `tests/accounts/test_personal_data.py` fails when a model with a person
field is neither registered nor listed there as not personal data."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

REMOVED = "[removed]"


@dataclass(frozen=True)
class FormerIdentity:
    """Who the person was, captured before anonymisation erases it, so that
    providers can find free text that names them."""

    name: str
    email: str
    phone: str

    def scrub(self, text: str) -> str:
        """`text` with every mention of the person's name, email or phone
        replaced."""
        for value in (self.email, self.phone, self.name):
            if value and len(value) > 1:
                text = text.replace(value, REMOVED)
        return text


@dataclass(frozen=True)
class PersonalDataProvider:
    """One kind of record about a person.

    `records(person)` returns the person's records as plain dicts with
    translated labels and values (called under the person's language).
    `anonymise(person, former)` erases identity from them and keeps what the
    federation's figures need; it must be idempotent. Lower `order` runs
    first; the account itself runs last, after every provider has read the
    former identity."""

    key: str
    model: type[models.Model]
    person_fields: tuple[str, ...]
    title: Promise | str
    records: Callable
    anonymise: Callable
    order: int = 100


_providers: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> None:
    """Register (or re-register, idempotently) a provider under its key."""
    _providers[provider.key] = provider


def providers() -> list[PersonalDataProvider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


def registered_fields() -> set[tuple[str, str]]:
    """(model label, field name) for every registered person field."""
    return {
        (provider.model._meta.label, field)
        for provider in _providers.values()
        for field in provider.person_fields
    }


def _value(obj: models.Model, field: models.Field):
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    value = getattr(obj, field.name)
    if value is None:
        return None
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, str | int | float | list | dict):
        return value
    return str(value)


def describe(obj: models.Model, fields: Iterable[str]) -> dict:
    """A record as the person reads it: each field's translated label and its
    value, choices shown as their translated labels."""
    meta = obj._meta
    return {
        str(meta.get_field(name).verbose_name): _value(obj, meta.get_field(name))
        for name in fields
    }


_audit_sinks: list[Callable] = []


def register_audit_sink(sink: Callable) -> None:
    """`sink(person=, actor=)` records an anonymisation in the audit trail of
    the app that keeps one (training's)."""
    if sink not in _audit_sinks:
        _audit_sinks.append(sink)


def audit_sinks() -> list[Callable]:
    return list(_audit_sinks)
