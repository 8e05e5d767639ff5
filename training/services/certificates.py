"""Revoking a certificate: it was issued in error, or its holder's data was
erased. A revoked certificate still verifies, as revoked, with the reason."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from training.models import Certificate
from training.selectors.certificates import REVOKED_HOLDER_ERASED
from training.services.audit import audit_record

REASON_REQUIRED = "Say why the certificate is revoked."


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, actor: User | None
) -> Certificate:
    """Idempotent: revoking a revoked certificate keeps the first date and
    reason and writes nothing."""
    reason = reason.strip()
    if not reason:
        raise ValueError(REASON_REQUIRED)
    locked = (
        Certificate.objects.select_for_update()
        .select_related("enrolment__session")
        .get(pk=certificate.pk)
    )
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.revoked_reason = reason[:300]
    locked.full_clean()
    locked.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(
        actor=actor,
        action="certificate.revoke",
        obj=locked,
        enrolment=locked.enrolment,
        changes={
            "revoked_at": [None, locked.revoked_at.isoformat()],
            "revoked_reason": ["", locked.revoked_reason],
        },
    )
    return locked


def certificates_revoke_for_erased_holder(*, person: User) -> int:
    """Anonymising a person revokes every certificate still standing: nobody
    can be shown to hold it any more."""
    standing = Certificate.objects.filter(
        enrolment__trainee=person, revoked_at__isnull=True
    )
    count = 0
    for certificate in standing:
        certificate_revoke(
            certificate=certificate, reason=REVOKED_HOLDER_ERASED, actor=None
        )
        count += 1
    return count
