"""Demo trainees who chose to be found for work, each differently: one shares
certificates and two adjustments, one only wants remote work and shares
nothing else, one shares and later withdrew."""

from accounts.models import User
from careers.models import JobProfile, WorkKind
from careers.services.profiles import job_profile_share, job_profile_withdraw
from demo.people import demo_email
from demo.skills import seed_skills

PROFILES = [
    (
        "trainee01",
        {
            "work_kinds": [WorkKind.ON_SITE, WorkKind.FLEXIBLE],
            "district": "渝中区",
            "share_certificates": True,
            "shared_adjustments": ["screen_reader", "keyboard_only"],
            "adjustments_note": "我用读屏软件，需要电子版的工作资料。",
        },
        False,
    ),
    (
        "trainee04",
        {
            "work_kinds": [WorkKind.REMOTE],
            "district": "",
            "share_certificates": False,
            "shared_adjustments": [],
            "adjustments_note": "",
        },
        False,
    ),
    (
        "trainee08",
        {
            "work_kinds": [WorkKind.REMOTE, WorkKind.FLEXIBLE],
            "district": "江北区",
            "share_certificates": True,
            "shared_adjustments": ["captions"],
            "adjustments_note": "",
        },
        False,
    ),
    (
        "trainee02",
        {
            "work_kinds": [WorkKind.ON_SITE],
            "district": "沙坪坝区",
            "share_certificates": True,
            "shared_adjustments": ["captions"],
            "adjustments_note": "",
        },
        True,  # shared, then withdrew: a revocation for the platform
    ),
]


def seed_job_profiles() -> None:
    """Skills first (the profiles show them), then the profiles, once."""
    seed_skills()
    for local, choices, withdrawn in PROFILES:
        user = User.objects.filter(email=demo_email(local)).first()
        if user is None or JobProfile.objects.filter(user=user).exists():
            continue
        job_profile_share(user=user, **choices)
        if withdrawn:
            job_profile_withdraw(user=user)
