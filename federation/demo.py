"""Demo reporting periods and barrier reports, so an auditor signing in to
the demo finds something on every federation page. Safe to run again."""

import datetime

from django.utils import timezone

from accounts.models import User
from courses.models import CoursePage
from federation.models import BarrierReport
from federation.services.barriers import base_for_path
from training.models import ReportingPeriod
from training.services.periods import period_close, period_create

PERIODS = [
    ("2025 上半年 (2025 H1)", datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
    ("2025 下半年 (2025 H2)", datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
    ("2026 上半年 (2026 H1)", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)),
]
CLOSED = {"2025 上半年 (2025 H1)"}

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
    auditor = User.objects.get(email="auditor@demo.example.org")
    for name, starts_on, ends_on in PERIODS:
        period = ReportingPeriod.objects.filter(name=name).first()
        if period is None:
            period = period_create(
                name=name, starts_on=starts_on, ends_on=ends_on, actor=auditor
            )
        if name in CLOSED and not period.is_closed:
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
