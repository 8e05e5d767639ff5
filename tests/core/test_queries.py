"""core.queries.plain_rows: a grouped query's rows as the database gives
them, the same numbers as Django's own values_list, named in the order of
the columns, read from the database the routers choose."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connections
from django.db.models import Count, Max, Min
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core.queries import plain_rows
from core.routers import REPORTS, reports_reads

pytestmark = pytest.mark.django_db


def _grouped():
    return (
        Permission.objects.values("content_type_id")
        .order_by()
        .annotate(n=Count("pk"), first=Min("pk"), last=Max("pk"))
    )


def test_the_rows_are_the_numbers_django_reads():
    names, rows = plain_rows(_grouped())
    assert names == ["content_type_id", "n", "first", "last"]
    expected = list(_grouped().values_list("content_type_id", "n", "first", "last"))
    assert len(rows) > 10
    assert sorted(tuple(row) for row in rows) == sorted(expected)
    assert all(type(value) is int for row in rows for value in row)


def test_the_names_are_in_the_order_of_the_columns():
    # A sum named before the field it is grouped by.
    names, rows = plain_rows(_grouped().values_list("last", "content_type_id"))
    assert names == ["last", "content_type_id"]
    rows = [tuple(reversed(row)) for row in rows]
    by_type = dict(_grouped().values_list("content_type_id", "last"))
    assert dict(rows) == by_type


@pytest.mark.django_db(databases=["default", REPORTS])
def test_reads_go_where_the_routers_send_them():
    with CaptureQueriesContext(connections["default"]) as default:
        plain_rows(_grouped())
    assert len(default.captured_queries) == 1
    with (
        override_settings(REPORTS_DATABASE=REPORTS),
        reports_reads(),
        CaptureQueriesContext(connections[REPORTS]) as reports,
        CaptureQueriesContext(connections["default"]) as default,
    ):
        plain_rows(_grouped())
    assert len(reports.captured_queries) == 1
    assert not default.captured_queries
