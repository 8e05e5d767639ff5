"""Demo reporting periods and barrier reports, so an auditor signing in to
the demo finds something on every federation page. Safe to run again."""

import datetime

from django.utils import timezone

from accounts.models import User
from courses.models import CoursePage
from demo.people import demo_email
from federation.models import BarrierReport
from federation.services.barriers import base_for_path
from training.models import ReportingPeriod
from training.services.periods import period_close, period_create

HALVES = {
    1: ("上半年", "First half", (1, 1), (6, 30)),
    2: ("下半年", "Second half", (7, 1), (12, 31)),
}


def periods(
    today: datetime.date,
) -> list[tuple[str, str, datetime.date, datetime.date]]:
    """Both halves of last year and the first half of this one, each
    (name, English name, first day, last day). The first is closed by the
    auditor."""
    found = []
    for year, half in ((today.year - 1, 1), (today.year - 1, 2), (today.year, 1)):
        label, label_en, first, last = HALVES[half]
        found.append(
            (
                f"{year} {label}",
                f"{label_en} of {year}",
                datetime.date(year, *first),
                datetime.date(year, *last),
            )
        )
    return found


# (what happened, status, resolution, days ago)
REPORTS = [
    (
        "第二课的视频没有字幕，我听不到讲解。",
        BarrierReport.Status.NEW,
        "",
        2,
    ),
    (
        "用读屏软件时，报名按钮读成了“按钮”，不知道是做什么的。",
        BarrierReport.Status.IN_PROGRESS,
        "",
        12,
    ),
    (
        "The quiz timer was too short for me and I could not find how to pause it.",
        BarrierReport.Status.FIXED,
        "The pause button now comes first on every quiz page.",
        45,
    ),
]


def seed_federation() -> None:
    auditor = User.objects.get(email=demo_email("auditor"))
    for position, (name, name_en, starts_on, ends_on) in enumerate(
        periods(timezone.localdate())
    ):
        # Found by its dates: periods may not overlap.
        period = ReportingPeriod.objects.filter(
            starts_on=starts_on, ends_on=ends_on
        ).first()
        if period is None:
            period = period_create(
                name=name,
                name_en=name_en,
                starts_on=starts_on,
                ends_on=ends_on,
                actor=auditor,
            )
        elif not period.name_en:
            # Seeded before periods had English names.
            period.name_en = name_en
            period.save(update_fields=["name_en"])
        if position == 0 and not period.is_closed:
            period_close(period=period, actor=auditor)

    course = (
        CoursePage.objects.live()
        .filter(locale__language_code="zh-hans")
        .order_by("path")
        .first()
    )
    page_url = course.url if course else "/zh-hans/"
    base = base_for_path(page_url)
    now = timezone.now()
    for what_happened, status, resolution, days_ago in REPORTS:
        report, created = BarrierReport.objects.get_or_create(
            what_happened=what_happened,
            defaults={
                "page_url": page_url,
                "base": base,
                "status": status,
                "resolution": resolution,
            },
        )
        if created:
            when = now - datetime.timedelta(days=days_ago)
            BarrierReport.objects.filter(pk=report.pk).update(
                created_at=when, status_changed_at=when
            )
