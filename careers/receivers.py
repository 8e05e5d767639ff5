"""Careers listens to accounts and training. When a trainee withdraws consent
and their access needs are deleted, no workplace adjustment is shared any
more. When what a shared profile says changes without the trainee editing
it (a new certificate, needs changed), the profile counts as changed, so
that the job platform's "changed since" picks it up."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import AccessNeeds
from careers.services.profiles import (
    job_profile_adjustments_clear,
    job_profile_touch,
)
from training.signals import certificate_issued


@receiver(post_delete, sender=AccessNeeds, dispatch_uid="careers_needs_deleted")
def drop_shared_adjustments(sender, instance: AccessNeeds, **kwargs) -> None:
    job_profile_adjustments_clear(user=instance.user)


@receiver(post_save, sender=AccessNeeds, dispatch_uid="careers_needs_changed")
def needs_changed(sender, instance: AccessNeeds, **kwargs) -> None:
    job_profile_touch(user_id=instance.user_id)


@receiver(certificate_issued, dispatch_uid="careers_certificate_issued")
def certificate_earned(sender, enrolment, **kwargs) -> None:
    job_profile_touch(user_id=enrolment.trainee_id)
