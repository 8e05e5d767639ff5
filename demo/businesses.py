"""Demo incubated businesses: the Yubei entrepreneur incubation base is the
incubation base, with seven businesses its trainees started, services
received and checks at 6, 12 and 24 months as their age allows (dates
relative to today), one of them closed. Idempotent: businesses are found by
name, checks by month."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import TrainingBase, User
from careers.models import BusinessCheck, IncubatedBusiness, Sector
from core.dates import add_months
from demo.people import BASES, demo_base, demo_email

INCUBATION_BASE_EN = "(Demo) Yubei Entrepreneur Incubation Base"

# name, name_en, months ago registered, sector, founders, services, jobs,
# of which for disabled people, closed (months ago) or None, and for each
# check: still operating.
BUSINESSES = [
    (
        "渝北小满直播工作室",
        "Xiaoman Livestream Studio",
        28,
        Sector.ECOMMERCE,
        ["trainee03"],
        {"registration", "trademark", "marketing"},
        6,
        4,
        None,
        {6: True, 12: True, 24: True},
    ),
    (
        "手语咖啡小屋",
        "Sign Language Coffee Corner",
        26,
        Sector.FOOD,
        ["trainee09", "trainee07"],
        {"registration", "tax", "legal"},
        5,
        5,
        None,
        {6: True, 12: True, 24: True},
    ),
    (
        "山城竹编工坊",
        "Mountain City Bamboo Weaving",
        25,
        Sector.CRAFTS,
        ["trainee04"],
        {"registration", "trademark"},
        0,
        0,
        16,
        {6: True, 12: False},
    ),
    (
        "光影短视频工作室",
        "Light and Shadow Video Studio",
        14,
        Sector.MEDIA,
        ["trainee06"],
        {"registration", "marketing"},
        3,
        2,
        None,
        {6: True, 12: True},
    ),
    (
        "轻触网站设计",
        "Light Touch Web Design",
        9,
        Sector.DIGITAL,
        ["trainee08"],
        {"registration", "tax"},
        2,
        2,
        None,
        {6: True},
    ),
    (
        "盲人按摩养生馆",
        "Blind Massage Wellness",
        8,
        Sector.SERVICES,
        ["trainee05", "trainee10"],
        {"registration", "legal", "tax"},
        4,
        3,
        None,
        {},  # the 6-month check is due: it shows as overdue
    ),
    (
        "巴渝山货网店",
        "Bayu Mountain Produce Shop",
        2,
        Sector.ECOMMERCE,
        ["trainee11"],
        {"registration"},
        1,
        1,
        None,
        {},
    ),
]


def incubation_base() -> TrainingBase:
    number = next(i for i, row in enumerate(BASES, 1) if row[1] == INCUBATION_BASE_EN)
    base = demo_base(number)
    if not base.incubation:
        base.incubation = True
        base.save(update_fields=["incubation"])
    return base


@transaction.atomic
def seed_businesses(today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    base = incubation_base()
    recorder = User.objects.filter(
        staff_roles__base=base, staff_roles__role="manager"
    ).first()
    for (
        name,
        name_en,
        months,
        sector,
        founders,
        services,
        jobs,
        jobs_disabled,
        closed,
        checks,
    ) in BUSINESSES:
        registered = add_months(today, -months)
        business, _created = IncubatedBusiness.objects.update_or_create(
            base=base,
            name=name,
            defaults={
                "name_en": name_en,
                "registered_on": registered,
                "sector": sector,
                "helped_registration": "registration" in services,
                "helped_trademark": "trademark" in services,
                "helped_tax": "tax" in services,
                "helped_legal": "legal" in services,
                "helped_marketing": "marketing" in services,
                "jobs_created": jobs,
                "jobs_for_disabled": jobs_disabled,
                "closed_on": add_months(today, -closed) if closed else None,
            },
        )
        business.founders.set(
            User.objects.filter(email__in=[demo_email(f) for f in founders])
        )
        for check_months, operating in checks.items():
            checked = add_months(registered, check_months) + datetime.timedelta(days=3)
            BusinessCheck.objects.update_or_create(
                business=business,
                months=check_months,
                defaults={
                    "checked_on": min(checked, today),
                    "operating": operating,
                    "jobs_created": jobs if operating else 0,
                    "jobs_for_disabled": jobs_disabled if operating else 0,
                    "notes": "" if operating else "已停业。",
                    "recorded_by": recorder,
                },
            )
