import datetime

import pytest

from core.dates import add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2027, 1, 31), 1, datetime.date(2027, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2027, 3, 31), -1, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 8, 31), 3, datetime.date(2027, 11, 30)),
        (datetime.date(2027, 11, 15), 3, datetime.date(2028, 2, 15)),
        (datetime.date(2027, 5, 30), 12, datetime.date(2028, 5, 30)),
        (datetime.date(2027, 2, 28), -12, datetime.date(2026, 2, 28)),
        (datetime.date(2027, 1, 1), -1, datetime.date(2026, 12, 1)),
        (datetime.date(2027, 6, 15), 0, datetime.date(2027, 6, 15)),
    ],
)
def test_add_months_keeps_the_day_or_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected
