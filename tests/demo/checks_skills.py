"""Checks on the demo's skills and job-ready profiles, called from
tests/demo/test_seed.py after the seed has run (twice)."""

from careers.models import JobProfile, ProfileRevocation
from careers.selectors.profiles import profile_payloads, shared_profiles
from courses.models import CoursePage
from demo.job_profiles import PROFILES
from training.models import Certificate


def check_skills() -> None:
    courses = CoursePage.objects.all()
    assert courses.exists()
    assert not courses.filter(skills__isnull=True).exists()  # every course
    assert not Certificate.objects.filter(skills=[]).exists()
    opted_in = [local for local, _, withdrawn in PROFILES if not withdrawn]
    shared = list(shared_profiles())
    assert len(shared) == len(opted_in)  # the second run added none
    payloads = profile_payloads(shared)
    assert any(len(p["adjustments"]) == 2 for p in payloads)
    assert shared_profiles().filter(share_certificates=True).exists()
    assert any(
        p["work_kinds"] == ["remote"]
        and not (p["certificates"] or p["adjustments"] or p["district"])
        for p in payloads
    )
    withdrawn = JobProfile.objects.filter(opted_in=False)
    assert withdrawn.count() == len(PROFILES) - len(opted_in)
    assert ProfileRevocation.objects.count() == withdrawn.count()
