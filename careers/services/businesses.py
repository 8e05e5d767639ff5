"""Writes about incubated businesses: record and change a business, its
founders and its 6/12/24-month checks. Every write is one transaction, safe
to repeat, and leaves a line in the training audit trail (who, when, what,
old -> new) under the business's base."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from careers.models import BusinessCheck, IncubatedBusiness
from training.models import AuditEntry
from training.services.audit import diff

BUSINESS_FIELDS = [
    "name",
    "name_en",
    "registered_on",
    "sector",
    "helped_registration",
    "helped_trademark",
    "helped_tax",
    "helped_legal",
    "helped_marketing",
    "jobs_created",
    "jobs_for_disabled",
    "closed_on",
]
CHECK_FIELDS = ["checked_on", "operating", "jobs_created", "jobs_for_disabled", "notes"]
OBJECT_TYPE = "incubatedbusiness"


class BusinessError(Exception):
    """A rule broken; `problems` maps a field (or None) to a message."""

    def __init__(self, problems: dict[str | None, str]):
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def _jobs_problems(fields: dict) -> dict[str | None, str]:
    created = fields.get("jobs_created") or 0
    disabled = fields.get("jobs_for_disabled") or 0
    if disabled > created:
        return {
            "jobs_for_disabled": _(
                "Jobs for disabled people cannot be more than the jobs created."
            )
        }
    return {}


def business_problems(fields: dict, today: datetime.date) -> dict[str | None, str]:
    """Every rule a business's fields break, by field."""
    problems = _jobs_problems(fields)
    registered = fields.get("registered_on")
    closed = fields.get("closed_on")
    if registered and registered > today:
        problems["registered_on"] = _("The registration date cannot be in the future.")
    if closed and closed > today:
        problems["closed_on"] = _("The closing date cannot be in the future.")
    elif closed and registered and closed < registered:
        problems["closed_on"] = _(
            "The closing date cannot be before the registration date."
        )
    return problems


def check_problems(
    business: IncubatedBusiness, fields: dict, today: datetime.date
) -> dict[str | None, str]:
    problems = _jobs_problems(fields)
    checked = fields.get("checked_on")
    if checked and checked > today:
        problems["checked_on"] = _("The date checked cannot be in the future.")
    elif checked and checked < business.registered_on:
        problems["checked_on"] = _(
            "The date checked cannot be before the registration date."
        )
    return problems


def _audit(actor, action, business, changes) -> None:
    AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=OBJECT_TYPE,
        object_id=business.pk,
        base_id=business.base_id,
        changes=changes,
    )


def _values(obj, fields) -> dict:
    return {field: getattr(obj, field) for field in fields}


@transaction.atomic
def business_create(
    *, actor: User, base_id: int, fields: dict, founders: list[User]
) -> IncubatedBusiness:
    """Record a new business with at least one founder."""
    today = timezone.localdate()
    problems = business_problems(fields, today)
    if not founders:
        problems["founder"] = _("Add at least one trainee behind the business.")
    if problems:
        raise BusinessError(problems)
    business = IncubatedBusiness(base_id=base_id, **fields)
    business.save()
    business.founders.set(founders)
    _audit(
        actor,
        "business.create",
        business,
        diff({}, _values(business, BUSINESS_FIELDS))
        | {"founders": [None, [p.pk for p in founders]]},
    )
    return business


@transaction.atomic
def business_update(
    *, actor: User, business: IncubatedBusiness, fields: dict
) -> IncubatedBusiness:
    """Change a business's details; nothing is written when nothing changed."""
    business = IncubatedBusiness.objects.select_for_update().get(pk=business.pk)
    problems = business_problems(fields, timezone.localdate())
    if problems:
        raise BusinessError(problems)
    before = _values(business, BUSINESS_FIELDS)
    changes = diff(before, {k: fields[k] for k in BUSINESS_FIELDS if k in fields})
    if changes:
        for field, value in fields.items():
            setattr(business, field, value)
        business.save()
        _audit(actor, "business.update", business, changes)
    return business


@transaction.atomic
def founder_add(*, actor: User, business: IncubatedBusiness, person: User) -> bool:
    """Add a founder; False if they already were one."""
    if business.founders.filter(pk=person.pk).exists():
        return False
    business.founders.add(person)
    _audit(actor, "business.founder_add", business, {"founders": [None, person.pk]})
    return True


@transaction.atomic
def founder_remove(*, actor: User, business: IncubatedBusiness, person_id: int) -> bool:
    """Remove a founder; a business keeps at least one. False if they were
    not one."""
    if not business.founders.filter(pk=person_id).exists():
        return False
    if business.founders.count() <= 1:
        raise BusinessError(
            {None: _("A business needs at least one trainee behind it.")}
        )
    business.founders.remove(person_id)
    _audit(actor, "business.founder_remove", business, {"founders": [person_id, None]})
    return True


@transaction.atomic
def check_record(
    *, actor: User, business: IncubatedBusiness, months: int, fields: dict
) -> BusinessCheck:
    """Record (or correct) the check `months` after registration: one per
    business and month, so sending the same form again changes nothing. The
    latest check's jobs become the business's."""
    if months not in BusinessCheck.Months.values:
        raise BusinessError({None: _("There is no such check.")})
    problems = check_problems(business, fields, timezone.localdate())
    if problems:
        raise BusinessError(problems)
    check = (
        BusinessCheck.objects.select_for_update()
        .filter(business=business, months=months)
        .first()
    )
    before = _values(check, CHECK_FIELDS) if check else {}
    if check is None:
        check = BusinessCheck(business=business, months=months, recorded_by=actor)
    changes = diff(before, {k: fields[k] for k in CHECK_FIELDS if k in fields})
    if changes:
        for field, value in fields.items():
            setattr(check, field, value)
        check.recorded_by = actor
        check.save()
        audited = {f"check_{months}.{k}": v for k, v in changes.items()}
        audited |= _jobs_from_latest_check(business, check)
        _audit(actor, "business.check", business, audited)
    return check


def _jobs_from_latest_check(business: IncubatedBusiness, check: BusinessCheck) -> dict:
    """The business's jobs become those of its latest check, so the figures
    count what was last found. Returns the changes made."""
    later = BusinessCheck.objects.filter(business=business, months__gt=check.months)
    if later.exists():
        return {}
    business = IncubatedBusiness.objects.select_for_update().get(pk=business.pk)
    new = {
        "jobs_created": check.jobs_created,
        "jobs_for_disabled": check.jobs_for_disabled,
    }
    changes = diff(_values(business, new), new)
    if changes:
        IncubatedBusiness.objects.filter(pk=business.pk).update(**new)
    return changes
