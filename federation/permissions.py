"""Who may see federation reports. Built on accounts.permissions."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.models import User
from accounts.permissions import is_auditor, is_federation_admin


def can_view_federation_reports(user: User) -> bool:
    """Auditors and federation admins. Base staff and trainees are refused:
    the reports span every base."""
    return is_auditor(user) or is_federation_admin(user)


def can_see_people(user: User) -> bool:
    """Auditors see counts, never a person; federation admins may search the
    audit trail by person."""
    return is_federation_admin(user)


def can_close_period(user: User) -> bool:
    return can_view_federation_reports(user)


def can_reopen_period(user: User) -> bool:
    return is_federation_admin(user)


def federation_report(view):
    """Sign-in required, then 403 for anyone but auditors and federation admins."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_view_federation_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
