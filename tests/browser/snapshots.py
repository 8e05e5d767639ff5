"""A copy of the test database taken once, after migrations and the site
pages, that each browser test starts from: the same rows Django's serialized
rollback would save again one by one, restored by the database instead.

SQLite (the in-memory test database): the backup API copies the whole
database in one call. PostgreSQL: a copy of every non-empty table in a
schema of its own, put back with `INSERT ... SELECT` while foreign keys wait
(`session_replication_role`, which needs a superuser, as the throwaway CI
cluster's user is). Anything else, or a user without that right: no snapshot,
and Django's serialized rollback does the work as before.

Where PostgreSQL took the copy, emptying the database after each test
deletes the rows table by table in one transaction, with foreign keys
waiting in the same way, instead of Django's `TRUNCATE` of every table: a
truncate makes each table's files anew (about 0.4 s for this schema), while
these tables hold a few rows each."""

import sqlite3

SCHEMA = "browser_snapshot"


def take(connection):
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy
    if connection.vendor == "postgresql" and _is_superuser(connection):
        return _take_postgresql(connection)
    return None


def restore(connection, snapshot) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        snapshot.backup(connection.connection)
    else:
        _restore_postgresql(connection, snapshot)


def _is_superuser(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])


def _take_postgresql(connection) -> list[str]:
    from django.db import transaction

    tables = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in connection.introspection.django_table_names(include_views=False):
            quoted = connection.ops.quote_name(table)
            # Table names come from the models, quoted by Django.
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quoted})")  # noqa: S608
            if cursor.fetchone()[0]:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{quoted} AS TABLE {quoted}")
                tables.append(table)
    return tables


def _restore_postgresql(connection, tables: list[str]) -> None:
    from django.db import transaction

    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table in tables:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"INSERT INTO {quoted} SELECT * FROM {SCHEMA}.{quoted}")  # noqa: S608


def deleting_flush(sql_flush):
    """`sql_flush` for a PostgreSQL database whose copy was taken (its user
    is a superuser): the same tables emptied with `DELETE`. Sequences are
    reset, when asked, by Django's own statements."""

    def flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return sql_flush(
                self,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        return [
            "SET LOCAL session_replication_role = replica",
            *(f"DELETE FROM {self.quote_name(table)}" for table in tables),  # noqa: S608
            "SET LOCAL session_replication_role = origin",
        ]

    return flush
