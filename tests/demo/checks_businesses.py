"""Checks on the demo's incubated businesses, called from
tests/demo/test_seed.py after the seed has run (twice)."""

from django.utils import timezone

from careers.models import BusinessCheck, IncubatedBusiness
from careers.selectors.businesses import businesses_at, due_checks
from demo.businesses import BUSINESSES, INCUBATION_BASE_EN


def check_businesses() -> None:
    businesses = IncubatedBusiness.objects.all()
    assert businesses.count() == len(BUSINESSES)  # the second run added none
    assert {b.base.name_en for b in businesses} == {INCUBATION_BASE_EN}
    assert all(b.base.incubation for b in businesses)
    assert all(b.founders.exists() for b in businesses)
    assert businesses.filter(closed_on__isnull=False).count() == 1
    assert set(BusinessCheck.objects.values_list("months", flat=True)) == {6, 12, 24}
    today = timezone.localdate()
    assert not BusinessCheck.objects.filter(checked_on__gt=today).exists()
    due = due_checks(businesses_at(None), today)
    assert any(item.overdue for item in due), "the demo shows an overdue check"
