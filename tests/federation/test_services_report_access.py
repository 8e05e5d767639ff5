"""report_access_record: every view and export of a federation report is
recorded with its filters, serialised one way."""

import datetime

import pytest

from federation.models import ReportAccess
from federation.services.report_access import report_access_record
from tests.factories.accounts import UserFactory


@pytest.mark.django_db
def test_filters_are_stored_as_strings_and_empty_ones_left_out():
    user = UserFactory()
    access = report_access_record(
        user=user,
        report="dashboard",
        filters={
            "date_from": datetime.date(2026, 1, 1),
            "base": 7,
            "category": "hearing",
            "course": None,
            "skill_area": "",
            "page": 2,
        },
    )
    stored = ReportAccess.objects.get(pk=access.pk)
    assert stored.user == user
    assert stored.report == "dashboard" and stored.format == "html"
    assert stored.filters == {
        "date_from": "2026-01-01",
        "base": "7",
        "category": "hearing",
        "page": "2",
    }


@pytest.mark.django_db
def test_an_export_records_its_format_and_no_filters_is_an_empty_dict():
    access = report_access_record(
        user=UserFactory(), report="dashboard:bases", format="csv"
    )
    assert access.format == "csv" and access.filters == {}


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        report_access_record(None, "dashboard")  # type: ignore[misc]
