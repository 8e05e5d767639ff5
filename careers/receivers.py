"""Careers listens to accounts: when a trainee withdraws consent and their
access needs are deleted, no workplace adjustment is shared any more."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from accounts.models import AccessNeeds
from careers.services.profiles import job_profile_adjustments_clear


@receiver(post_delete, sender=AccessNeeds, dispatch_uid="careers_needs_deleted")
def drop_shared_adjustments(sender, instance: AccessNeeds, **kwargs) -> None:
    job_profile_adjustments_clear(user=instance.user)
