"""Reports on a read replica (core/routers.py): with REPORTS_DATABASE set,
the federation dashboard reads its figures through the `reports` alias,
which the test settings point at the test database as a mirror (as a
replica would be); without it, nothing goes there. Writes never do, and
nothing is migrated on the replica."""

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core.routers import REPORTS, ReportsRouter, reports_reads
from tests.factories.accounts import StaffRoleFactory
from training.models import Enrolment, SessionFigures

router = ReportsRouter()


def test_reads_go_to_reports_only_inside_the_block_and_when_configured():
    with reports_reads() as alias:
        assert alias == "default"
        assert router.db_for_read(Enrolment) is None
    with override_settings(REPORTS_DATABASE=REPORTS):
        assert router.db_for_read(Enrolment) is None  # outside the block
        with reports_reads() as alias:
            assert alias == REPORTS
            assert router.db_for_read(SessionFigures) == REPORTS
            assert router.db_for_write(SessionFigures) is None
        assert router.db_for_read(Enrolment) is None


def test_nothing_is_migrated_on_the_replica():
    assert router.allow_migrate(REPORTS, "training") is False
    assert router.allow_migrate("default", "training") is None


def _figure_queries(alias: str, client) -> list[str]:
    cache.clear()  # count the figures afresh
    with CaptureQueriesContext(connections[alias]) as queries:
        assert client.get("/en/federation/").status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.django_db(databases=["default", REPORTS])
def test_the_dashboard_reads_its_figures_from_reports_when_configured(
    client, site_pages
):
    # The mirror is a second connection: on PostgreSQL it sees what is
    # committed (the migrated tables), not this test's rows, so the
    # dashboard shows zeros; what matters here is which connection asked.
    reports = connections[REPORTS]
    if reports.vendor == "sqlite":
        # The test database is one in-memory database in shared-cache mode:
        # without this, the second connection waits on the rows this test's
        # transaction wrote (SQLite locks tables between connections).
        with reports.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")
    try:
        _reads_follow_the_setting(client)
    finally:
        reports.close()  # no lock kept past the test


def _reads_follow_the_setting(client):
    client.force_login(StaffRoleFactory(role="auditor", base=None).user)

    def kept(sqls):
        return [sql for sql in sqls if "training_sessionfigures" in sql]

    assert not _figure_queries(REPORTS, client)
    assert kept(_figure_queries("default", client))

    with override_settings(REPORTS_DATABASE=REPORTS):
        on_reports = _figure_queries(REPORTS, client)
        assert kept(on_reports)
        assert not kept(_figure_queries("default", client))
    # Reads only: no write went to the replica.
    assert not [
        sql
        for sql in on_reports
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
