"""Reads of certificates: by verification code, for their owner and for the
public verification page."""

import re
import unicodedata

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from training.models import Certificate

# 20 characters from a 31-letter alphabet without look-alikes: ~99 bits.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ2345679"
CODE_LENGTH = 20
# What a person may type between the characters of a code read aloud or
# copied from paper: spaces and any kind of dash.
_SEPARATORS = re.compile(r"[\s\-_‐‑‒–—―−－·.]+")
_WELL_FORMED = re.compile(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
_GROUP = 4

# The only fields the public verification page may read.
PUBLIC_FIELDS = (
    "code",
    "issued_at",
    "trainee_name",
    "course_title",
    "course_title_en",
    "base_name",
    "base_name_en",
    "skills",
    "revoked_at",
    "revoked_reason",
)


def code_normalise(raw: str) -> str | None:
    """The code in its stored form, or None when it cannot be a code.
    NFKC turns full-width letters typed with a Chinese input method into
    ASCII; case, spaces and dashes do not matter."""
    code = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw or "")).upper()
    return code if _WELL_FORMED.fullmatch(code) else None


def code_display(code: str) -> str:
    """Groups of four, easier to read aloud and to type: ABCD-EFGH-…"""
    return "-".join(code[i : i + _GROUP] for i in range(0, len(code), _GROUP))


def certificate_for_owner(code: str) -> Certificate | None:
    """With what the permission check needs (enrolment, session, base)."""
    normalised = code_normalise(code)
    if normalised is None:
        return None
    return (
        Certificate.objects.select_related("enrolment__session__base")
        .filter(code=normalised)
        .first()
    )


def certificate_public(code: str) -> Certificate | None:
    """Only name, course, base and date: nothing that leads to the person."""
    return public_certificates().filter(code=code).first()


def public_certificates() -> QuerySet[Certificate]:
    return Certificate.objects.only(*PUBLIC_FIELDS)


def certificate_course(certificate: Certificate) -> tuple[str, str]:
    """The course title in the reader's language as issued, with its
    language tag (the English title may be missing)."""
    if get_language() == "en" and certificate.course_title_en:
        return certificate.course_title_en, "en"
    return certificate.course_title, "zh-Hans"


def certificate_base(certificate: Certificate) -> tuple[str, str]:
    if get_language() == "en" and certificate.base_name_en:
        return certificate.base_name_en, "en"
    return certificate.base_name, "zh-Hans"


# Stored as the reason when a holder's personal data is erased; shown in the
# reader's language.
REVOKED_HOLDER_ERASED = "holder's data erased"
REVOKED_REASONS = {REVOKED_HOLDER_ERASED: _("The holder's personal data was erased.")}


def revoked_reason_display(certificate: Certificate) -> str:
    """A known reason in the reader's language, else the reason as written."""
    reason = certificate.revoked_reason
    return REVOKED_REASONS.get(reason, reason)
