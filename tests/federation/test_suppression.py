"""Disclosure control (federation.suppression), rule by rule, on hand-picked
counts. Each expected figure is worked out in the test's docstring:
0 stays 0; 1–4 is "fewer than 5"; anything else rounds to the nearest 5,
half up; sessions are exact; rates come from the published parts."""

import pytest
from django.utils import translation

from federation.suppression import NO_RATE, Cell, Rate, cell, cells, publish


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_zero_is_shown_and_one_to_four_are_fewer_than_five():
    """0 describes nobody: 0. 1, 2, 3 and 4: "fewer than 5" (None)."""
    assert [publish(n) for n in (0, 1, 2, 3, 4)] == [0, None, None, None, None]
    assert str(cell(0)) == "0" and not cell(0).rounded
    assert str(cell(3)) == "fewer than 5" and cell(3).suppressed
    assert publish(None) == 0


def test_other_counts_round_to_the_nearest_five_half_up():
    """5, 6, 7 → 5 (nearer 5 than 10); 8 → 10 (7.5 is the half-way point, so
    8 is nearer 10); 12 → 10; 13 → 15; 17 → 15; 18 → 20; 1002 → 1000;
    1003 → 1005."""
    counts = (5, 6, 7, 8, 12, 13, 17, 18, 1002, 1003)
    assert [publish(n) for n in counts] == [5, 5, 5, 10, 10, 15, 15, 20, 1000, 1005]
    assert cell(7).rounded and str(cell(7)) == "5"


def test_every_published_count_is_zero_a_multiple_of_five_or_fewer_than_five():
    """So no sum or difference of published counts can be 1 to 4."""
    published = {publish(n) for n in range(0, 500)}
    assert all(p is None or p % 5 == 0 for p in published)
    values = [p for p in published if p is not None]
    assert not {abs(a - b) for a in values for b in values} & {1, 2, 3, 4}


def test_the_same_count_is_always_published_the_same():
    """Deterministic: no random noise, so asking twice cannot average it out."""
    assert [publish(n) for n in range(50)] == [publish(n) for n in range(50)]


def test_sessions_are_not_people_and_are_exact():
    """A row {sessions: 3, enrolments: 3}: 3 sessions shown as 3, 3 people
    as "fewer than 5"; 7 sessions are 7, not rounded."""
    row = cells({"sessions": 3, "enrolments": 3}, ["sessions", "enrolments"])
    assert row["sessions"].value == 3 and not row["sessions"].suppressed
    assert row["enrolments"].suppressed
    assert cell(7, exact=True).value == 7 and not cell(7, exact=True).rounded


def test_a_rate_uses_the_published_parts():
    """6 of 8 raw is published as 5 of 10, so the rate is 50%, not 75%.
    11 of 16 → 10 of 15 → 66.7% → 67%. 13 of 13 → 15 of 15 → 100%."""
    assert str(Rate(cell(6), cell(8))) == "50% (5 of 10)"
    assert str(Rate(cell(11), cell(16))) == "67% (10 of 15)"
    assert str(Rate(cell(13), cell(13))) == "100% (15 of 15)"
    assert str(Rate(cell(0), cell(9))) == "0% (0 of 10)"


def test_half_a_percent_rounds_up():
    """5 of 40 = 12.5% → 13%."""
    assert Rate(cell(5), cell(40)).percent == 13


def test_no_rate_when_a_part_is_fewer_than_five_or_nothing_to_divide_by():
    """3 of 9: the 3 is fewer than 5 → "–". 6 of 3: the 3 → "–". 0 of 0:
    nothing to divide by → "–". The same text on the page and in files."""
    assert str(Rate(cell(3), cell(9))) == NO_RATE == "–"
    assert Rate(cell(6), cell(3)).percent is None
    assert Rate(Cell(0), Cell(0)).suppressed
    assert str(Rate(Cell(0), Cell(0))) == "–"
