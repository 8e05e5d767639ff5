"""Writes to a trainee's job-ready profile: opting in with their choices,
withdrawing (at once, with a revocation the job platform reads), and
dropping shared adjustments when their access needs are deleted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from careers.models import JobProfile, ProfileRevocation, WorkKind
from careers.selectors.profiles import current_needs
from training.services.audit import audit_record

ADJUSTMENT_NOT_A_NEED = (
    "Only adjustments from your own access needs can be shared: %(codes)s."
)
UNKNOWN_WORK_KIND = "Unknown kind of work: %(codes)s."

# What a withdrawn profile keeps: nothing the trainee chose.
_CLEARED = {
    "opted_in": False,
    "opted_in_at": None,
    "work_kinds": [],
    "district": "",
    "share_certificates": False,
    "shared_adjustments": [],
    "adjustments_note": "",
}


def _locked(user: User) -> JobProfile:
    JobProfile.objects.get_or_create(user=user)
    return JobProfile.objects.select_for_update().get(user=user)


def _choices(profile: JobProfile) -> dict:
    return {
        "opted_in": profile.opted_in,
        "work_kinds": list(profile.work_kinds),
        "district": profile.district,
        "share_certificates": profile.share_certificates,
        "shared_adjustments": list(profile.shared_adjustments),
        "adjustments_note": profile.adjustments_note,
    }


@transaction.atomic
def job_profile_share(
    *,
    user: User,
    work_kinds: list[str],
    district: str,
    share_certificates: bool,
    shared_adjustments: list[str],
    adjustments_note: str,
) -> JobProfile:
    """Opts the trainee in with exactly these choices (saving the same
    choices again changes nothing). Adjustments must be among their current
    access needs."""
    profile = _locked(user)
    unknown = sorted(set(work_kinds) - set(WorkKind.values))
    if unknown:
        raise ValidationError(UNKNOWN_WORK_KIND % {"codes": ", ".join(unknown)})
    profile.user = user
    needs = current_needs(profile)
    not_needs = sorted(set(shared_adjustments) - set(needs))
    if not_needs:
        raise ValidationError(ADJUSTMENT_NOT_A_NEED % {"codes": ", ".join(not_needs)})
    before = _choices(profile)
    profile.work_kinds = [kind for kind in WorkKind.values if kind in work_kinds]
    profile.district = district.strip()
    profile.share_certificates = share_certificates
    profile.shared_adjustments = [code for code in needs if code in shared_adjustments]
    profile.adjustments_note = adjustments_note.strip()
    profile.opted_in = True
    after = _choices(profile)
    if after == before:
        return profile
    if not before["opted_in"]:
        profile.opted_in_at = timezone.now()
    profile.full_clean()
    profile.save()
    audit_record(
        actor=user,
        action="job_profile.share",
        obj=profile,
        # Which choices changed, not what they are: the trail outlives a
        # withdrawal and must not keep what the trainee took back.
        changes={"opted_in": [before["opted_in"], True]},
    )
    return profile


@transaction.atomic
def job_profile_withdraw(*, user: User, actor: User | None = None) -> bool:
    """Stops sharing at once: choices cleared, the old id revoked (the job
    platform deletes its copy) and a new id, so that opting in again is a new
    record. False when there was nothing to withdraw."""
    profile = JobProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        return False
    shared = profile.opted_in
    chosen = any(
        _choices(profile)[field] for field in _CLEARED if field != "opted_in_at"
    )
    if not shared and not chosen:
        return False
    now = timezone.now()
    old_id = profile.public_id
    if shared:
        ProfileRevocation.objects.create(public_id=old_id, revoked_at=now)
    for field, value in _CLEARED.items():
        setattr(profile, field, value)
    profile.public_id = JobProfile._meta.get_field("public_id").default()
    profile.save()
    audit_record(
        actor=actor or user,
        action="job_profile.withdraw",
        obj=profile,
        changes={"opted_in": [shared, False]},
    )
    return True


@transaction.atomic
def job_profile_adjustments_clear(*, user: User) -> bool:
    """The trainee's access needs are gone (consent withdrawn): no
    adjustment is shared any more."""
    profile = JobProfile.objects.select_for_update().filter(user=user).first()
    if profile is None or not profile.shared_adjustments:
        return False
    profile.shared_adjustments = []
    profile.save(update_fields=["shared_adjustments", "updated_at"])
    return True


def job_profile_touch(*, user_id: int) -> None:
    """What a shared profile says changed (skills earned, needs): it counts
    as updated now. Nothing happens to a profile that is not shared."""
    JobProfile.objects.filter(user_id=user_id, opted_in=True).update(
        updated_at=timezone.now()
    )
