"""Reports on a read replica: when settings.REPORTS_DATABASE names a database
alias (lms/settings/base.py sets it to "reports" when REPORTS_DATABASE_URL
is set), reads made inside `reports_reads()` go there; everything else, and
every write, stays on "default". Nothing is migrated on the replica (it
copies the primary).

core imports no app: the code that reads reports (federation's selectors)
asks for the replica itself, by wrapping its reads in `reports_reads()`.
A replica lags the primary by a moment; reads that must see a write just
made (a period just closed) stay outside the block."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPORTS = "reports"
_reading_reports: ContextVar[bool] = ContextVar("reading_reports", default=False)


def reports_database() -> str | None:
    """The alias report reads go to, or None when there is no replica."""
    alias = getattr(settings, "REPORTS_DATABASE", None)
    return alias if alias and alias in settings.DATABASES else None


@contextmanager
def reports_reads() -> Iterator[str]:
    """Reads inside the block go to the reports database when there is one.
    Yields the alias the reads go to."""
    token = _reading_reports.set(True)
    try:
        yield reports_database() or "default"
    finally:
        _reading_reports.reset(token)


class ReportsRouter:
    def db_for_read(self, model, **hints):
        if _reading_reports.get():
            return reports_database()
        return None

    def db_for_write(self, model, **hints):
        return None  # always the primary

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from one may
        # point at an object read from the other.
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {"default", REPORTS} else None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPORTS else None
