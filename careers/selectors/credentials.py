"""Reads for credentials: a certificate with what signing it needs."""

from training.models import Certificate
from training.selectors.certificates import code_normalise


def certificate_for_credential(code: str) -> Certificate | None:
    """With the enrolment's session and base (who may download it) and the
    trainee (whose email is hashed into it)."""
    normalised = code_normalise(code)
    if normalised is None:
        return None
    return (
        Certificate.objects.select_related(
            "enrolment__session__base", "enrolment__trainee"
        )
        .filter(code=normalised)
        .first()
    )
