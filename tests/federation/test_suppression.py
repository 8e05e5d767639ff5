"""Small-cell suppression, rule by rule, on hand-made tables."""

import pytest
from django.utils import translation

from federation.suppression import Cell, Rate, cell, suppress_table


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _shown(rows, key):
    return [row[key].value for row in rows]


def test_counts_of_one_to_four_are_hidden_and_zero_is_shown():
    assert [cell(n).suppressed for n in (0, 1, 4, 5)] == [False, True, True, False]
    assert str(cell(3)) == "fewer than 5"
    assert str(cell(0)) == "0"


def test_a_row_about_fewer_than_five_people_is_hidden_whole():
    rows, _total = suppress_table(
        [{"enrolments": 3, "completions": 0}, {"enrolments": 50, "completions": 20}],
        ["enrolments", "completions"],
    )
    assert rows[0]["enrolments"].suppressed and rows[0]["completions"].suppressed
    assert _shown(rows[1:], "completions") == [20]


def test_one_hidden_cell_is_protected_by_hiding_the_next_smallest():
    rows, total = suppress_table(
        [
            {"enrolments": 40, "n": 3},
            {"enrolments": 40, "n": 9},
            {"enrolments": 40, "n": 7},
        ],
        ["enrolments", "n"],
        total={"enrolments": 120, "n": 19},
    )
    # 19 - 9 would reveal the 3, so the 7 is hidden as well; the 9 stays.
    assert _shown(rows, "n") == [None, 9, None]
    assert total["n"].value == 19


def test_hidden_cells_must_add_up_to_at_least_five():
    rows, _total = suppress_table(
        [
            {"enrolments": 40, "n": 1},
            {"enrolments": 40, "n": 1},
            {"enrolments": 40, "n": 6},
            {"enrolments": 40, "n": 30},
        ],
        ["enrolments", "n"],
        total={"enrolments": 160, "n": 38},
    )
    # Two hidden 1s add up to 2: knowing the sum would reveal both.
    assert _shown(rows, "n") == [None, None, None, 30]


def test_the_total_is_hidden_when_nothing_else_can_protect_a_cell():
    rows, total = suppress_table(
        [{"enrolments": 40, "n": 3}, {"enrolments": 40, "n": 0}],
        ["enrolments", "n"],
        total={"enrolments": 80, "n": 3},
    )
    assert rows[0]["n"].suppressed and total["n"].suppressed
    # A total of 13 with one hidden 3 and only a zero beside it: hide it.
    rows, total = suppress_table(
        [{"enrolments": 40, "n": 3}, {"enrolments": 40, "n": 0}],
        ["enrolments", "n"],
        total={"enrolments": 80, "n": 13},
    )
    assert total["n"].suppressed


def test_no_total_means_no_complementary_suppression():
    rows, total = suppress_table(
        [{"enrolments": 40, "n": 3}, {"enrolments": 40, "n": 9}], ["enrolments", "n"]
    )
    assert total is None
    assert _shown(rows, "n") == [None, 9]


def test_sessions_are_not_people_and_are_never_hidden():
    rows, total = suppress_table(
        [{"enrolments": 2, "sessions": 1}],
        ["sessions", "enrolments"],
        total={"sessions": 1, "enrolments": 2},
    )
    assert rows[0]["sessions"].value == 1 and total["sessions"].value == 1
    assert rows[0]["enrolments"].suppressed


def test_columns_hidden_by_a_parent_table_stay_hidden():
    rows, _total = suppress_table(
        [{"enrolments": 30, "n": 10}, {"enrolments": 30, "n": 12}],
        ["enrolments", "n"],
        hidden_columns=["n"],
    )
    assert _shown(rows, "n") == [None, None]
    assert _shown(rows, "enrolments") == [30, 30]


def test_a_rate_shows_both_numbers_or_nothing():
    assert str(Rate(Cell(6), Cell(8))) == "75% (6 of 8)"
    assert Rate(Cell(3, suppressed=True), Cell(8)).suppressed
    assert Rate(Cell(6), Cell(8, suppressed=True)).percent is None
    assert str(Rate(Cell(0), Cell(0))) == "–"
