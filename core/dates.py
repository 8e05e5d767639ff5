"""Calendar arithmetic shared by follow-ups, reports and the demo."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier, when negative), moved back to
    the month's last day when that month is shorter: 31 January + 1 month is
    28 February, or 29 in a leap year."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))
