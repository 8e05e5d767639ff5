"""Job-ready profiles as the job platform sees them: the one place that
decides what of a trainee's profile is shared. The trainee's preview and the
API both render `profile_payload`, so what the trainee is shown is exactly
what leaves the LMS.

Only what the trainee chose appears: no name, email, phone, account id or
disability category, ever."""

import datetime
from collections.abc import Iterable

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import FunctionalNeed, StaffRole
from accounts.personal_data_accounts import ANONYMISED_DOMAIN
from careers.models import JobProfile, ProfileShare, WorkKind
from training.models import Enrolment

# Each access need in plain words for an employer: what helps at work, not
# what the person's condition is.
ADJUSTMENT_LABELS = {
    FunctionalNeed.SCREEN_READER: _(
        "Documents in accessible digital formats (works with a screen reader)"
    ),
    FunctionalNeed.MAGNIFIER: _(
        "Screen magnification or large print (works with enlarged text)"
    ),
    FunctionalNeed.CAPTIONS: _("Captions or written notes for meetings and videos"),
    FunctionalNeed.SIGN_LANGUAGE: _(
        "A Chinese Sign Language interpreter for meetings and training"
    ),
    FunctionalNeed.EASY_READ: _("Instructions in plain, easy-to-read language"),
    FunctionalNeed.KEYBOARD_ONLY: _(
        "Computer work that can be done by keyboard or switch, without a mouse"
    ),
    FunctionalNeed.EXTRA_TIME: _("Extra time for tests and timed tasks"),
    FunctionalNeed.ASSISTANCE: _("May bring a support person"),
}

PAYLOAD_KEYS = (
    "id",
    "updated_at",
    "skills",
    "certificates",
    "work_kinds",
    "district",
    "adjustments",
    "adjustments_note",
)

SHARES_SHOWN = 20


def adjustment_label(code: str) -> str:
    """The plain-words label of an adjustment, in the active language."""
    return str(ADJUSTMENT_LABELS.get(code, code))


def _in_language(label, language: str) -> str:
    with translation.override(language):
        return str(label)


def _earned_enrolments() -> Prefetch:
    return Prefetch(
        "user__enrolments",
        queryset=Enrolment.objects.filter(
            Q(status=Enrolment.Status.COMPLETED) | Q(certificate__isnull=False)
        )
        .select_related("certificate", "session__course")
        .prefetch_related("session__course__skills")
        .order_by("completed_at", "pk"),
        to_attr="earned_enrolments",
    )


# What serialising a profile reads; applied once to a page of profiles.
PROFILE_RELATED = ("user", "user__access_needs", _earned_enrolments())


def _trainee_filter() -> Q:
    staff = StaffRole.objects.filter(user=OuterRef("user"))
    return (
        Q(user__is_active=True, user__is_superuser=False)
        & ~Q(user__email__endswith=ANONYMISED_DOMAIN)
        & ~Exists(staff)
    )


def shared_profiles(
    changed_since: datetime.datetime | None = None,
) -> QuerySet[JobProfile]:
    """Opted-in profiles of active, non-anonymised trainees, oldest change
    first, ready to serialise with a fixed number of queries."""
    profiles = (
        JobProfile.objects.filter(opted_in=True)
        .filter(_trainee_filter())
        .select_related("user", "user__access_needs")
        .prefetch_related(_earned_enrolments())
        .order_by("updated_at", "pk")
    )
    if changed_since is not None:
        profiles = profiles.filter(updated_at__gt=changed_since)
    return profiles


def _certificate(enrolment: Enrolment):
    try:
        return enrolment.certificate
    except Enrolment.certificate.RelatedObjectDoesNotExist:
        return None


def _earned(profile: JobProfile) -> list[Enrolment]:
    enrolments = getattr(profile.user, "earned_enrolments", None)
    if enrolments is None:
        prefetch_related_objects([profile], _earned_enrolments())
        enrolments = profile.user.earned_enrolments
    return enrolments


def earned_skills(profile: JobProfile) -> list[dict]:
    """Skills from completed courses: as the certificate issued them, else
    the course's current skills. One entry per code, sorted by code."""
    skills: dict[str, dict] = {}
    for enrolment in _earned(profile):
        if enrolment.status != Enrolment.Status.COMPLETED:
            continue
        certificate = _certificate(enrolment)
        if certificate is not None and certificate.skills:
            for skill in certificate.skills:
                skills.setdefault(
                    skill["code"],
                    {
                        "code": skill["code"],
                        "name_zh": skill.get("name", ""),
                        "name_en": skill.get("name_en", ""),
                    },
                )
        else:
            for skill in enrolment.session.course.skills.all():
                skills.setdefault(
                    skill.code,
                    {
                        "code": skill.code,
                        "name_zh": skill.name,
                        "name_en": skill.name_en,
                    },
                )
    return [skills[code] for code in sorted(skills)]


def earned_certificates(profile: JobProfile) -> list[dict]:
    """The trainee's certificates that are not revoked, oldest first."""
    certificates = []
    for enrolment in _earned(profile):
        certificate = _certificate(enrolment)
        if certificate is None or certificate.revoked_at is not None:
            continue
        certificates.append(
            {
                "code": certificate.code,
                "course_zh": certificate.course_title,
                "course_en": certificate.course_title_en,
                "issued_on": certificate.issued_at.date(),
                "verify_path": f"/verify/{certificate.code}/",
            }
        )
    return certificates


def current_needs(profile: JobProfile) -> list[str]:
    """The trainee's functional needs now; none without consent (no row)."""
    try:
        needs = profile.user.access_needs
    except profile.user._meta.model.access_needs.RelatedObjectDoesNotExist:
        return []
    return needs.needs


def shared_adjustment_codes(profile: JobProfile) -> list[str]:
    """Chosen adjustments that are still among the trainee's needs, in the
    order needs are listed."""
    chosen = set(profile.shared_adjustments or [])
    return [code for code in current_needs(profile) if code in chosen]


def profile_payload(profile: JobProfile) -> dict:
    """Exactly what the job platform receives about one profile."""
    return {
        "id": str(profile.public_id),
        "updated_at": profile.updated_at,
        "skills": earned_skills(profile),
        "certificates": (
            earned_certificates(profile) if profile.share_certificates else []
        ),
        "work_kinds": list(profile.work_kinds or []),
        "district": profile.district,
        "adjustments": [
            {
                "code": code,
                "label_zh": _in_language(ADJUSTMENT_LABELS[code], "zh-hans"),
                "label_en": _in_language(ADJUSTMENT_LABELS[code], "en"),
            }
            for code in shared_adjustment_codes(profile)
        ],
        "adjustments_note": profile.adjustments_note,
    }


def profile_payloads(profiles: Iterable[JobProfile]) -> list[dict]:
    """A page of profiles, serialised with a fixed number of queries (the
    related rows are fetched once for the page unless already fetched)."""
    profiles = list(profiles)
    prefetch_related_objects(profiles, *PROFILE_RELATED)
    return [profile_payload(profile) for profile in profiles]


def job_profile_for(user) -> JobProfile:
    """The trainee's profile, unsaved and empty when they never made one."""
    profile = (
        JobProfile.objects.filter(user=user)
        .select_related("user", "user__access_needs")
        .prefetch_related(_earned_enrolments())
        .first()
    )
    if profile is None:
        profile = JobProfile(user=user)
        profile.user = user
    return profile


def recent_shares(user) -> tuple[list[ProfileShare], int]:
    """The latest times the trainee's profile was in the job platform's
    answers, and how many times in all."""
    shares = ProfileShare.objects.filter(user=user)
    return list(shares.order_by("-at", "-pk")[:SHARES_SHOWN]), shares.count()


def payload_display(payload: dict) -> dict:
    """A payload in the reader's language, for the trainee's preview: the
    same content, each text in its one language for this page."""
    english = translation.get_language() == "en"

    def pick(zh: str, en: str) -> str:
        return (en or zh) if english else (zh or en)

    return {
        "skills": [pick(s["name_zh"], s["name_en"]) for s in payload.get("skills", [])],
        "certificates": [
            {
                "course": pick(c["course_zh"], c["course_en"]),
                "issued_on": c["issued_on"],
                "code": c["code"],
                "verify_path": c["verify_path"],
            }
            for c in payload.get("certificates", [])
        ],
        "work_kinds": [WorkKind(code).label for code in payload.get("work_kinds", [])],
        "district": payload.get("district", ""),
        "adjustments": [
            pick(a["label_zh"], a["label_en"]) for a in payload.get("adjustments", [])
        ],
        "adjustments_note": payload.get("adjustments_note", ""),
    }
