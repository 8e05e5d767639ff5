"""People and places for the incubated-business tests: an incubation base
with a manager and an instructor, a second incubation base with its own
manager, an ordinary base with an instructor, trainees, an auditor and a
federation admin."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from accounts.models import StaffRole
from careers.models import BusinessCheck, IncubatedBusiness, Sector
from core.dates import add_months
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory

Role = StaffRole.Role


def build() -> SimpleNamespace:
    w = SimpleNamespace()
    w.base = TrainingBaseFactory(incubation=True)
    w.other_base = TrainingBaseFactory(incubation=True)
    w.plain_base = TrainingBaseFactory()
    w.manager = StaffRoleFactory(role=Role.MANAGER, base=w.base).user
    w.instructor = StaffRoleFactory(role=Role.INSTRUCTOR, base=w.base).user
    w.other_manager = StaffRoleFactory(role=Role.MANAGER, base=w.other_base).user
    w.plain_instructor = StaffRoleFactory(role=Role.INSTRUCTOR, base=w.plain_base).user
    w.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user
    w.admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
    w.trainee = UserFactory(phone="13800000001")
    w.trainee2 = UserFactory(phone="13800000002")
    return w


def months_ago(months: int, days: int = 0) -> datetime.date:
    return add_months(timezone.localdate(), -months) - datetime.timedelta(days=days)


def business(
    base, founders, *, registered_on, checks=(), **fields
) -> IncubatedBusiness:
    """A business; `checks` are (months, operating) pairs, checked on the
    day they were due."""
    created = IncubatedBusiness.objects.create(
        base=base,
        name=fields.pop("name", "测试小店"),
        registered_on=registered_on,
        sector=fields.pop("sector", Sector.ECOMMERCE),
        **fields,
    )
    created.founders.set(founders)
    for months, operating in checks:
        BusinessCheck.objects.create(
            business=created,
            months=months,
            checked_on=add_months(registered_on, months),
            operating=operating,
        )
    return created
