"""Who looked at which federation report: every view and export is recorded
(federation.models.ReportAccess)."""

import datetime
from collections.abc import Mapping

from accounts.models import User
from federation.models import ReportAccess

# What is kept of one filter's name or value: enough to read the request
# back, never a whole pasted document.
FILTER_TEXT_MAX = 200


def _text(value: object) -> str:
    """Text safe in a JSON column on every database: PostgreSQL refuses the
    NUL character (\\u0000) that a query string may carry, so it is dropped,
    and overlong values are cut."""
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return text.replace("\x00", "")[:FILTER_TEXT_MAX]


def _serialised(filters: Mapping[str, object]) -> dict[str, str]:
    """Filters as JSON-safe strings, the way a query string holds them: dates
    as ISO dates, everything else as text; filters not in use (None or
    empty) left out."""
    return {
        _text(key): _text(value)
        for key, value in filters.items()
        if value not in (None, "")
    }


def report_access_record(
    *,
    user: User,
    report: str,
    format: str = "html",
    filters: Mapping[str, object] | None = None,
) -> ReportAccess:
    """Record one view (`format` "html") or export ("csv", "xlsx") of
    `report` by `user`, with the filters it was shown with."""
    access = ReportAccess(
        user=user, report=report, format=format, filters=_serialised(filters or {})
    )
    # The user is the one signed in: no query to check that they exist.
    access.full_clean(exclude=["user"])
    access.save()
    return access
